package io.rowspace.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * Parse tree for {@code CREATE [OR REPLACE] PREDICTOR [IF NOT EXISTS] name
 * ON [EMBEDDING SPACE] space TARGET column [WITH ( option = value, ... )]}.
 */
public final class SqlCreatePredictor extends SqlCreate {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE PREDICTOR", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;
  private final SqlIdentifier space;
  private final SqlIdentifier target;
  private final SqlNodeList options;

  /** Creates the node; {@code options} holds {@link SqlOption} entries and may be empty. */
  public SqlCreatePredictor(SqlParserPos pos, boolean replace, boolean ifNotExists,
      SqlIdentifier name, SqlIdentifier space, SqlIdentifier target, SqlNodeList options) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = name;
    this.space = space;
    this.target = target;
    this.options = options;
  }

  /** The name of the predictor, possibly schema-qualified. */
  public SqlIdentifier name() {
    return name;
  }

  /** Whether {@code IF NOT EXISTS} was given. */
  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** Whether {@code OR REPLACE} was given. */
  public boolean replace() {
    return getReplace();
  }

  /** The embedding space the predictor is trained on. */
  public SqlIdentifier space() {
    return space;
  }

  /** The column of the space's root table to predict. */
  public SqlIdentifier target() {
    return target;
  }

  /** The entries of the {@code WITH ( ... )} clause, in the order written. */
  public List<SqlOption> options() {
    return SqlOption.list(options);
  }

  @Override public List<SqlNode> getOperandList() {
    return Arrays.asList(name, space, target, options);
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlCreatePredictor that)
        || getReplace() != that.getReplace() || ifNotExists != that.ifNotExists) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (getReplace()) {
      writer.keyword("OR REPLACE");
    }
    writer.keyword("PREDICTOR");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("ON EMBEDDING SPACE");
    space.unparse(writer, leftPrec, rightPrec);
    writer.keyword("TARGET");
    target.unparse(writer, leftPrec, rightPrec);
    SqlOption.unparseWithClause(writer, options, leftPrec, rightPrec);
  }
}
