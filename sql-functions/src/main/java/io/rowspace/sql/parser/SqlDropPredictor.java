package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/** Parse tree for {@code DROP PREDICTOR [IF EXISTS] name}. */
public final class SqlDropPredictor extends SqlDrop {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP PREDICTOR", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;

  public SqlDropPredictor(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, pos, ifExists);
    this.name = name;
  }

  /** The name of the predictor, possibly schema-qualified. */
  public SqlIdentifier name() {
    return name;
  }

  /** Whether {@code IF EXISTS} was given. */
  public boolean ifExists() {
    return ifExists;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlDropPredictor that) || ifExists != that.ifExists) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP PREDICTOR");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }
}
