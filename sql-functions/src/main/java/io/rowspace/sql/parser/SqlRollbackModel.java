package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * Parse tree for {@code ALTER PREDICTOR name ROLLBACK TO VERSION n} and
 * {@code ALTER EMBEDDING SPACE name ROLLBACK TO VERSION n}.
 */
public final class SqlRollbackModel extends SqlCall {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ROLLBACK TO VERSION", SqlKind.OTHER_DDL);

  private final SqlModelKind kind;
  private final SqlIdentifier name;
  private final SqlLiteral version;

  public SqlRollbackModel(SqlParserPos pos, SqlModelKind kind, SqlIdentifier name,
      SqlLiteral version) {
    super(pos);
    this.kind = kind;
    this.name = name;
    this.version = version;
  }

  public SqlModelKind kind() {
    return kind;
  }

  public SqlIdentifier name() {
    return name;
  }

  /** The version as written: an unsigned integer literal. */
  public SqlLiteral version() {
    return version;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name, version);
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlRollbackModel that) || kind != that.kind) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER " + kind.keywords());
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("ROLLBACK TO VERSION");
    version.unparse(writer, leftPrec, rightPrec);
  }
}
