package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parse tree for {@code EXPLAIN PLAN FOR CREATE EMBEDDING SPACE ...}: the training plan of the
 * space, reported without training it. {@code EXPLAIN PLAN FOR} a query or DML statement stays
 * Calcite's {@link org.apache.calcite.sql.SqlExplain}.
 */
public final class SqlExplainEmbeddingSpace extends SqlCall {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("EXPLAIN EMBEDDING SPACE", SqlKind.OTHER_DDL);

  private final SqlCreateEmbeddingSpace create;

  public SqlExplainEmbeddingSpace(SqlParserPos pos, SqlCreateEmbeddingSpace create) {
    super(pos);
    this.create = create;
  }

  /** The statement whose plan is explained. */
  public SqlCreateEmbeddingSpace create() {
    return create;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(create);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EXPLAIN PLAN FOR");
    create.unparse(writer, leftPrec, rightPrec);
  }
}
