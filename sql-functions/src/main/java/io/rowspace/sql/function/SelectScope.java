package io.rowspace.sql.function;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Where a Rowspace call appears in a query: the FROM clause of the enclosing SELECT (under the
 * WITH items in force), whose columns a call's inputs are resolved against by name. When the
 * SELECT is split ({@link BackingSplit}), its FROM runs on the backing database and the call's
 * inputs become columns of that query.
 */
class SelectScope {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private final SqlNode from;
  private final SqlNodeList withItems;
  private List<String> columns;

  SelectScope(SqlNode from, SqlNodeList withItems) {
    this.from = from;
    this.withItems = withItems;
  }

  /**
   * The column names the FROM clause provides, found by Calcite's validator (the FROM may call
   * table functions that only Calcite knows).
   */
  List<String> columns(CalciteQueries calcite) throws SQLException {
    if (columns == null) {
      columns = from == null ? List.of() : calcite.columnsOf(selectStar());
    }
    return columns;
  }

  /** The expression that gives a call the value of the FROM clause's column {@code name}. */
  SqlNode input(String name) throws SQLException {
    return new SqlIdentifier(name, POS);
  }

  /** The expression that gives a call the value of an argument written in the query. */
  SqlNode value(SqlNode argument) throws SQLException {
    return argument;
  }

  /** {@code SELECT * FROM <from>}, under the WITH items in force. */
  private SqlNode selectStar() {
    SqlNodeList star = new SqlNodeList(List.of(SqlIdentifier.star(POS)), POS);
    SqlSelect select = new SqlSelect(POS, null, star, from, null, null, null, null, null, null,
        null, null, null);
    return withItems.isEmpty() ? select : new SqlWith(POS, withItems, select);
  }
}
