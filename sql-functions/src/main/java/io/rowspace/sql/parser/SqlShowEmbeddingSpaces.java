package io.rowspace.sql.parser;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Parse tree for {@code SHOW EMBEDDING SPACES}. */
public final class SqlShowEmbeddingSpaces extends SqlKeywordStatement {
  static final SqlOperator OPERATOR = operator("SHOW EMBEDDING SPACES");

  public SqlShowEmbeddingSpaces(SqlParserPos pos) {
    super(pos, OPERATOR, null);
  }
}
