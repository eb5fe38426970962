package io.rowspace.sql.parser;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Parse tree for {@code SHOW PREDICTORS}. */
public final class SqlShowPredictors extends SqlKeywordStatement {
  static final SqlOperator OPERATOR = operator("SHOW PREDICTORS");

  public SqlShowPredictors(SqlParserPos pos) {
    super(pos, OPERATOR, null);
  }
}
