package io.rowspace.sql.ddl;

import java.sql.SQLException;

/** Executes {@code SHOW PREDICTORS}: the rows of {@code ROWSPACE.PREDICTORS}. */
final class ShowPredictorsCommand implements StatementCommand {
  /** The columns SHOW PREDICTORS gives, and the first of DESCRIBE PREDICTOR's. */
  static final String COLUMNS = "name, space, target, task, status, metric, "
      + "metric_value, auc, accuracy, f1, log_loss, rmse, mae, r2, calibration_error, threshold, "
      + "train_seconds, created_at, version";

  @Override public StatementResult execute(StatementContext context) throws SQLException {
    return StatementResult.query(context.connection(), "SELECT " + COLUMNS
        + " FROM ROWSPACE.PREDICTORS ORDER BY name");
  }
}
