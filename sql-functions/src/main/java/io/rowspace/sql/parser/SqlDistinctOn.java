package io.rowspace.sql.parser;

import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Litmus;

/**
 * The quantifier {@code DISTINCT ON (keys)} of a SELECT, as PostgreSQL and H2 read it: of the
 * rows with equal values of the keys, only the first in the SELECT's ORDER BY is kept.
 *
 * <p>It stands among the SELECT's keywords (Calcite's {@link SqlSelect} holds no such clause), as
 * a DISTINCT symbol that writes itself back with its keys, so the backing database receives it as
 * written. Calcite cannot evaluate it (for Calcite it would be a plain DISTINCT): a SELECT that
 * keeps it is run on the backing database, never by Calcite.
 */
public final class SqlDistinctOn extends SqlLiteral {
  private final SqlNodeList keys;

  /** Called by the generated parser. */
  public SqlDistinctOn(SqlParserPos pos, SqlNodeList keys) {
    super(SqlSelectKeyword.DISTINCT, SqlTypeName.SYMBOL, pos);
    this.keys = keys;
  }

  /** The expressions whose distinct values each keep one row. */
  public SqlNodeList keys() {
    return keys;
  }

  /** The {@code DISTINCT ON} quantifier of {@code select}, or null if it has none. */
  public static SqlDistinctOn of(SqlSelect select) {
    SqlNode keyword = select.getModifierNode(SqlSelectKeyword.DISTINCT);
    return keyword instanceof SqlDistinctOn distinctOn ? distinctOn : null;
  }

  @Override public SqlDistinctOn clone(SqlParserPos pos) {
    return new SqlDistinctOn(pos, keys);
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlDistinctOn other)) {
      return litmus.fail("{} != {}", this, node);
    }
    return keys.equalsDeep(other.keys, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DISTINCT ON");
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode key : keys) {
      writer.sep(",");
      key.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
