package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Parse tree for {@code DESCRIBE PREDICTOR name}. */
public final class SqlDescribePredictor extends SqlCall {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("DESCRIBE PREDICTOR", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;

  public SqlDescribePredictor(SqlParserPos pos, SqlIdentifier name) {
    super(pos);
    this.name = name;
  }

  /** The name of the predictor, possibly schema-qualified. */
  public SqlIdentifier name() {
    return name;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DESCRIBE PREDICTOR");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
