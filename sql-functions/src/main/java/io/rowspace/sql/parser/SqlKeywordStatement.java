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

/**
 * A statement that is its keywords, possibly followed by one model's name ({@code SHOW
 * PREDICTORS}, {@code DESCRIBE EMBEDDING SPACE name}, {@code REFRESH EMBEDDING SPACE name}); it
 * unparses as the keywords and the name. Each statement stays a class of its own, which is how
 * the statement's command is chosen.
 */
public abstract class SqlKeywordStatement extends SqlCall {
  private final SqlOperator operator;
  private final SqlIdentifier name;

  SqlKeywordStatement(SqlParserPos pos, SqlOperator operator, SqlIdentifier name) {
    super(pos);
    this.operator = operator;
    this.name = name;
  }

  /** The operator of a statement written as {@code keywords}. */
  static SqlOperator operator(String keywords) {
    return new SqlSpecialOperator(keywords, SqlKind.OTHER_DDL);
  }

  /** The model's name, possibly schema-qualified; null for a statement without one. */
  SqlIdentifier modelName() {
    return name;
  }

  @Override public SqlOperator getOperator() {
    return operator;
  }

  @Override public List<SqlNode> getOperandList() {
    return name == null ? List.of() : List.of(name);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(operator.getName());
    if (name != null) {
      name.unparse(writer, leftPrec, rightPrec);
    }
  }
}
