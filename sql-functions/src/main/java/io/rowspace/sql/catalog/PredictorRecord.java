package io.rowspace.sql.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code ROWSPACE.PREDICTORS}: a trained predictor as the catalog knows it.
 * {@code status} is {@code READY} or {@code STALE}; {@code statementOptions} holds the options
 * its statement wrote (JSON, {@code async} left out), for re-fitting it, or null when it was
 * stored by an earlier Rowspace.
 */
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
    String checksum,
    String status,
    String statementOptions) {

  /** The status of a predictor whose space was replaced after it was trained. */
  public static final String STALE = "STALE";

  /** Whether its space was replaced since it was trained: it must be re-trained before use. */
  public boolean stale() {
    return STALE.equals(status);
  }
}
