package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parse tree for {@code ALTER EMBEDDING SPACE name ADD COLUMNS (column [, ...])
 * [WITH (option = value [, ...])]} and {@code ALTER EMBEDDING SPACE name REFRESH [WITH (...)]}:
 * training that continues from the space's weights, with added columns or (REFRESH, no columns)
 * on the current rows.
 */
public final class SqlContinueTraining extends SqlCall {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER EMBEDDING SPACE", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;
  private final SqlNodeList columns;
  private final SqlNodeList options;

  public SqlContinueTraining(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns,
      SqlNodeList options) {
    super(pos);
    this.name = name;
    this.columns = columns;
    this.options = options;
  }

  /** The name of the space. */
  public SqlIdentifier name() {
    return name;
  }

  /** Whether this is REFRESH: training continues on the current rows, no column added. */
  public boolean refresh() {
    return columns.isEmpty();
  }

  /** The columns of the space's root table to add (none for REFRESH), simple identifiers. */
  public List<SqlIdentifier> columns() {
    return columns.stream().map(SqlIdentifier.class::cast).toList();
  }

  /** The WITH options, in the order written. */
  public List<SqlOption> options() {
    return SqlOption.list(options);
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name, columns, options);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER EMBEDDING SPACE");
    name.unparse(writer, leftPrec, rightPrec);
    if (refresh()) {
      writer.keyword("REFRESH");
    } else {
      writer.keyword("ADD COLUMNS");
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (SqlNode column : columns) {
        writer.sep(",");
        column.unparse(writer, 0, 0);
      }
      writer.endList(frame);
    }
    SqlOption.unparseWithClause(writer, options, leftPrec, rightPrec);
  }
}
