package io.rowspace.sql.parser;

import java.util.Objects;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Parse tree for {@code DESCRIBE PREDICTOR name}. */
public final class SqlDescribePredictor extends SqlKeywordStatement {
  static final SqlOperator OPERATOR = operator("DESCRIBE PREDICTOR");

  public SqlDescribePredictor(SqlParserPos pos, SqlIdentifier name) {
    super(pos, OPERATOR, Objects.requireNonNull(name, "name"));
  }

  /** The name of the predictor, possibly schema-qualified. */
  public SqlIdentifier name() {
    return Objects.requireNonNull(modelName());
  }
}
