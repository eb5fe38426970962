package io.rowspace.sql.ddl;

import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlDescribeEmbeddingSpace;
import java.sql.SQLException;

/**
 * Executes {@code DESCRIBE EMBEDDING SPACE name}: one row per column the space considered, from
 * {@code ROWSPACE.SPACE_COLUMNS}, with its detected type, encoder, status and the reason.
 */
final class DescribeSpaceCommand implements StatementCommand {
  private final SqlDescribeEmbeddingSpace describe;

  DescribeSpaceCommand(SqlDescribeEmbeddingSpace describe) {
    this.describe = describe;
  }

  @Override public StatementResult execute(StatementContext context) throws SQLException {
    String name = ObjectNames.modelName(describe.name(), "an embedding space");
    Catalog catalog = context.session().catalog();
    if (catalog.spaces().find(name).isEmpty()) {
      throw RowspaceErrors.unknownSpace(name, catalog.spaces().names());
    }
    return StatementResult.query(context.connection(), "SELECT space, table_name, column_name, "
        + "sql_type, detected_type, encoder, status, reason, mutual_information_bits "
        + "FROM ROWSPACE.SPACE_COLUMNS WHERE space = ? ORDER BY ordinal", name);
  }
}
