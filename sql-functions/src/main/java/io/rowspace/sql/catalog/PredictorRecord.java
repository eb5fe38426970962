package io.rowspace.sql.catalog;

import java.time.Instant;
import java.util.List;

/** One row of {@code ROWSPACE.PREDICTORS}: a trained predictor as the catalog knows it. */
public record PredictorRecord(
    String name,
    String space,
    String target,
    String targetSqlType,
    String task,
    String metric,
    double metricValue,
    double auc,
    double accuracy,
    double f1,
    double logLoss,
    double rmse,
    double mae,
    double r2,
    double calibrationError,
    double threshold,
    List<String> classes,
    List<String> inputColumns,
    int trainingRows,
    double trainSeconds,
    String options,
    Instant createdAt,
    int version,
    String checksum) {
}
