package io.rowspace.sql.parser;

import java.util.Arrays;
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
 * Parse tree for {@code EVALUATE PREDICTOR name ON table | (query) [WITH (option = value, ...)]}:
 * the predictor's metrics on the labelled rows of a table or query.
 */
public final class SqlEvaluatePredictor extends SqlCall {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("EVALUATE PREDICTOR", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;
  private final SqlNode source;
  private final SqlNodeList options;

  /**
   * Creates the node.
   *
   * @param source a table name ({@link SqlIdentifier}) or a query
   * @param options {@link SqlOption} entries; may be empty
   */
  public SqlEvaluatePredictor(SqlParserPos pos, SqlIdentifier name, SqlNode source,
      SqlNodeList options) {
    super(pos);
    this.name = name;
    this.source = source;
    this.options = options;
  }

  /** The name of the predictor, possibly schema-qualified. */
  public SqlIdentifier name() {
    return name;
  }

  /** The rows evaluated: a table name or a query. */
  public SqlNode source() {
    return source;
  }

  public List<SqlOption> options() {
    return SqlOption.list(options);
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return Arrays.asList(name, source, options);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EVALUATE PREDICTOR");
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("ON");
    if (source instanceof SqlIdentifier) {
      source.unparse(writer, leftPrec, rightPrec);
    } else {
      SqlWriter.Frame frame = writer.startList("(", ")");
      source.unparse(writer, 0, 0);
      writer.endList(frame);
    }
    SqlOption.unparseWithClause(writer, options, leftPrec, rightPrec);
  }
}
