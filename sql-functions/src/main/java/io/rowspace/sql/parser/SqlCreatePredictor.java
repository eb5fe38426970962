package io.rowspace.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parse tree for {@code CREATE [OR REPLACE] PREDICTOR [IF NOT EXISTS] name
 * ON [EMBEDDING SPACE] space TARGET column [WITH ( option = value, ... )]}.
 */
public final class SqlCreatePredictor extends SqlCreateModel {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE PREDICTOR", SqlKind.OTHER_DDL);

  private final SqlIdentifier space;
  private final SqlIdentifier target;

  /** Creates the node; {@code options} holds {@link SqlOption} entries and may be empty. */
  public SqlCreatePredictor(SqlParserPos pos, boolean replace, boolean ifNotExists,
      SqlIdentifier name, SqlIdentifier space, SqlIdentifier target, SqlNodeList options) {
    super(OPERATOR, pos, replace, ifNotExists, name, options);
    this.space = space;
    this.target = target;
  }

  /** The embedding space the predictor is trained on. */
  public SqlIdentifier space() {
    return space;
  }

  /** The column of the space's root table to predict. */
  public SqlIdentifier target() {
    return target;
  }

  @Override public List<SqlNode> getOperandList() {
    return Arrays.asList(name(), space, target, optionList());
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, "PREDICTOR", leftPrec, rightPrec);
    writer.keyword("ON EMBEDDING SPACE");
    space.unparse(writer, leftPrec, rightPrec);
    writer.keyword("TARGET");
    target.unparse(writer, leftPrec, rightPrec);
    SqlOption.unparseWithClause(writer, optionList(), leftPrec, rightPrec);
  }
}
