package io.rowspace.sql.function;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Where a Rowspace call appears in a query: the FROM clause of the enclosing SELECT (under the
 * WITH items in force), whose columns a call's inputs are resolved against by name, and the model
 * calls of that SELECT, which one {@link Prefetch} evaluates in batches.
 */
final class SelectScope {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private final SqlNode from;
  private final SqlNodeList withItems;
  private final Map<String, BatchTarget> targets = new LinkedHashMap<>();
  private List<String> columns;

  SelectScope(SqlNode from, SqlNodeList withItems) {
    this.from = from;
    this.withItems = withItems;
  }

  /** The column names the FROM clause provides, found by preparing (not running) a query. */
  List<String> columns(CalciteQueries calcite) throws SQLException {
    if (columns == null) {
      columns = from == null ? List.of() : calcite.columnsOf(selectStar());
    }
    return columns;
  }

  /** Records a model call of this SELECT; calls of one model with the same inputs share one. */
  void add(BatchTarget target) {
    targets.putIfAbsent(target.identity(), target);
  }

  boolean hasModelCalls() {
    return !targets.isEmpty();
  }

  /**
   * Whether a prefetch can run before the query: not when a model call's inputs or the WHERE take
   * a {@code ?} parameter (a parameterised WHERE usually selects few rows, which are cheaper one
   * at a time than a prefetch of the whole FROM).
   */
  boolean canPrefetch(SqlNode where) {
    return targets.values().stream().noneMatch(t -> takesParameters(t.packedValues()))
        && (where == null || !takesParameters(where));
  }

  private static boolean takesParameters(SqlNode node) {
    if (node instanceof SqlDynamicParam) {
      return true;
    }
    if (node instanceof SqlCall call) {
      return call.getOperandList().stream().anyMatch(o -> o != null && takesParameters(o));
    }
    if (node instanceof SqlNodeList list) {
      return list.stream().anyMatch(item -> item != null && takesParameters(item));
    }
    return false;
  }

  /**
   * {@code SELECT DISTINCT <packed inputs of each model call> FROM <from> WHERE <where>}: the
   * inputs of every row the SELECT sees. A WHERE that itself calls models is left out: those
   * calls need every row of the FROM anyway.
   */
  Prefetch prefetch(SqlNode where) {
    SqlNodeList inputs = new SqlNodeList(POS);
    targets.values().forEach(target -> inputs.add(target.packedValues()));
    SqlNodeList distinct = new SqlNodeList(List.of(SqlSelectKeyword.DISTINCT.symbol(POS)), POS);
    SqlNode filter = where == null || callsModel(where) ? null : where;
    String sql = underWith(new SqlSelect(POS, distinct, inputs, from, filter, null, null, null,
        null, null, null, null, null));
    return new Prefetch(sql, new ArrayList<>(targets.values()));
  }

  /** {@code SELECT * FROM <from>}, under the WITH items in force. */
  private String selectStar() {
    SqlNodeList star = new SqlNodeList(List.of(SqlIdentifier.star(POS)), POS);
    return underWith(new SqlSelect(POS, null, star, from, null, null, null, null, null, null,
        null, null, null));
  }

  private String underWith(SqlSelect select) {
    SqlNode query = withItems.isEmpty() ? select : new SqlWith(POS, withItems, select);
    return query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }

  private static boolean callsModel(SqlNode node) {
    if (node instanceof SqlCall call) {
      if (call.getOperator().getName().toUpperCase(Locale.ROOT).startsWith("ROWSPACE_")) {
        return true;
      }
      return call.getOperandList().stream()
          .anyMatch(operand -> operand != null && callsModel(operand));
    }
    if (node instanceof SqlNodeList list) {
      return list.stream().anyMatch(item -> item != null && callsModel(item));
    }
    return false;
  }
}
