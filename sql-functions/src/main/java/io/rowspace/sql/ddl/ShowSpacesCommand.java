package io.rowspace.sql.ddl;

import java.sql.SQLException;

/** Executes {@code SHOW EMBEDDING SPACES}: the rows of {@code ROWSPACE.EMBEDDING_SPACES}. */
final class ShowSpacesCommand implements StatementCommand {
  private static final String COLUMNS = "name, root_table, tables, status, rows_trained, "
      + "columns_used, d_model, epochs, train_seconds, final_validation_loss, device, seed, "
      + "created_at, version";

  @Override public StatementResult execute(StatementContext context) throws SQLException {
    return StatementResult.query(context.connection(), "SELECT " + COLUMNS
        + " FROM ROWSPACE.EMBEDDING_SPACES ORDER BY name");
  }
}
