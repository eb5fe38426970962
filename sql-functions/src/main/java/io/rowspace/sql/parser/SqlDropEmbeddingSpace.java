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

/** Parse tree for {@code DROP EMBEDDING SPACE [IF EXISTS] name [CASCADE]}. */
public final class SqlDropEmbeddingSpace extends SqlDrop {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP EMBEDDING SPACE", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;
  private final boolean cascade;

  public SqlDropEmbeddingSpace(SqlParserPos pos, boolean ifExists, SqlIdentifier name,
      boolean cascade) {
    super(OPERATOR, pos, ifExists);
    this.name = name;
    this.cascade = cascade;
  }

  /** The name of the space, possibly schema-qualified. */
  public SqlIdentifier name() {
    return name;
  }

  /** Whether {@code IF EXISTS} was given. */
  public boolean ifExists() {
    return ifExists;
  }

  /** Whether {@code CASCADE} was given: predictors built on the space are dropped too. */
  public boolean cascade() {
    return cascade;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlDropEmbeddingSpace that)
        || ifExists != that.ifExists || cascade != that.cascade) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP EMBEDDING SPACE");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (cascade) {
      writer.keyword("CASCADE");
    }
  }
}
