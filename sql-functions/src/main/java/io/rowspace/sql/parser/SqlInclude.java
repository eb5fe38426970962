package io.rowspace.sql.parser;

import java.util.Arrays;
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
 * Parse tree for one {@code table [VIA column]} entry of the {@code INCLUDE ( ... )} clause of
 * {@code CREATE EMBEDDING SPACE}.
 */
public final class SqlInclude extends SqlCall {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("INCLUDE", SqlKind.OTHER);

  private final SqlIdentifier table;
  private final SqlIdentifier via;

  /** Creates an entry; {@code via} is null when the join follows declared foreign keys. */
  public SqlInclude(SqlParserPos pos, SqlIdentifier table, SqlIdentifier via) {
    super(pos);
    this.table = table;
    this.via = via;
  }

  /** The table to include, possibly schema-qualified. */
  public SqlIdentifier table() {
    return table;
  }

  /** The join column named by {@code VIA}, or null if none was given. */
  public SqlIdentifier via() {
    return via;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return Arrays.asList(table, via);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    table.unparse(writer, leftPrec, rightPrec);
    if (via != null) {
      writer.keyword("VIA");
      via.unparse(writer, leftPrec, rightPrec);
    }
  }
}
