package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Parse tree for {@code SHOW EMBEDDING SPACES}. */
public final class SqlShowEmbeddingSpaces extends SqlCall {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW EMBEDDING SPACES", SqlKind.OTHER_DDL);

  public SqlShowEmbeddingSpaces(SqlParserPos pos) {
    super(pos);
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW EMBEDDING SPACES");
  }
}
