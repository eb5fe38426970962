package io.rowspace.sql.ddl;

import io.rowspace.sql.parser.SqlDescribePredictor;
import java.sql.SQLException;

/**
 * Executes {@code DESCRIBE PREDICTOR name}: the predictor's model card ({@link PredictorCard}),
 * whose first columns are those of SHOW PREDICTORS.
 */
final class DescribePredictorCommand implements StatementCommand {
  private final SqlDescribePredictor describe;

  DescribePredictorCommand(SqlDescribePredictor describe) {
    this.describe = describe;
  }

  @Override public StatementResult execute(StatementContext context) throws SQLException {
    return PredictorCard.describe(ObjectNames.modelName(describe.name(), "a predictor"),
        ShowPredictorsCommand.COLUMNS + ", target_sql_type, classes, input_columns, "
            + "training_rows", context);
  }
}
