package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * What the parse trees of {@code CREATE [OR REPLACE] EMBEDDING SPACE | PREDICTOR [IF NOT EXISTS]
 * name ... [WITH ( option = value, ... )]} share: the model's name, the two flags and the
 * options, and the unparsing of the statement's head.
 */
public abstract class SqlCreateModel extends SqlCreate {
  private final SqlIdentifier name;
  private final SqlNodeList options;

  SqlCreateModel(SqlOperator operator, SqlParserPos pos, boolean replace, boolean ifNotExists,
      SqlIdentifier name, SqlNodeList options) {
    super(operator, pos, replace, ifNotExists);
    this.name = name;
    this.options = options;
  }

  /** The name of the model, possibly schema-qualified. */
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

  /** The entries of the {@code WITH ( ... )} clause, in the order written. */
  public List<SqlOption> options() {
    return SqlOption.list(options);
  }

  /** The {@code WITH ( ... )} clause as parsed, for the operand list. */
  SqlNodeList optionList() {
    return options;
  }

  /** Whether {@code node} is of the same statement with the same flags. */
  boolean sameFlags(SqlNode node) {
    return node instanceof SqlCreateModel that && node.getClass() == getClass()
        && getReplace() == that.getReplace() && ifNotExists == that.ifNotExists;
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!sameFlags(node)) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  /** Writes {@code CREATE [OR REPLACE] kind [IF NOT EXISTS] name}. */
  void unparseHead(SqlWriter writer, String kind, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (getReplace()) {
      writer.keyword("OR REPLACE");
    }
    writer.keyword(kind);
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }
}
