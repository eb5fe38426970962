package io.rowspace.sql.ddl;

import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.error.RowspaceErrors;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Executes the statements that show the catalog: {@code SHOW EMBEDDING SPACES},
 * {@code SHOW PREDICTORS}, {@code DESCRIBE EMBEDDING SPACE} and {@code DESCRIBE PREDICTOR}. Each
 * is a query of the catalog tables, run on the user's connection.
 */
final class CatalogQueries {
  private static final String SPACE_COLUMNS = "name, root_table, tables, status, rows_trained, "
      + "columns_used, d_model, epochs, train_seconds, final_validation_loss, device, seed, "
      + "created_at, version";
  private static final String PREDICTOR_COLUMNS = "name, space, target, task, status, metric, "
      + "metric_value, auc, accuracy, f1, log_loss, rmse, mae, r2, calibration_error, threshold, "
      + "train_seconds, created_at, version";

  private CatalogQueries() {
  }

  static StatementResult showSpaces(StatementContext context) throws SQLException {
    return query(context, "SELECT " + SPACE_COLUMNS
        + " FROM ROWSPACE.EMBEDDING_SPACES ORDER BY name", null);
  }

  static StatementResult showPredictors(StatementContext context) throws SQLException {
    return query(context, "SELECT " + PREDICTOR_COLUMNS
        + " FROM ROWSPACE.PREDICTORS ORDER BY name", null);
  }

  static StatementResult describeSpace(String name, StatementContext context)
      throws SQLException {
    Catalog catalog = context.session().catalog();
    if (catalog.findSpace(name).isEmpty()) {
      throw RowspaceErrors.unknownSpace(name, catalog.spaceNames());
    }
    return query(context, "SELECT space, table_name, column_name, sql_type, detected_type, "
        + "encoder, status, reason, mutual_information_bits FROM ROWSPACE.SPACE_COLUMNS "
        + "WHERE space = ? ORDER BY ordinal", name);
  }

  static StatementResult describePredictor(String name, StatementContext context)
      throws SQLException {
    // The catalog row's columns, then the model card's (issue 19, part A).
    return PredictorCard.describe(name, PREDICTOR_COLUMNS + ", target_sql_type, classes, "
        + "input_columns, training_rows", context);
  }

  private static StatementResult query(StatementContext context, String sql, String argument)
      throws SQLException {
    PreparedStatement statement = context.connection().prepareStatement(sql);
    try {
      if (argument != null) {
        statement.setString(1, argument);
      }
      statement.closeOnCompletion();
      return StatementResult.rows(statement.executeQuery());
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
