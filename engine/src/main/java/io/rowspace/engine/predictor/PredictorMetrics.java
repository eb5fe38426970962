package io.rowspace.engine.predictor;

/**
 * Quality of a predictor measured on its validation rows (never seen in fitting the weights).
 * NaN where a metric does not apply to the task.
 *
 * @param metric the headline metric: {@code auc} (binary), {@code accuracy} (multiclass) or
 *     {@code rmse} (regression)
 * @param metricValue its value
 * @param auc area under the ROC curve (multiclass: macro one-vs-rest)
 * @param accuracy share of correct labels
 * @param f1 binary: F1 of the positive class at the threshold; multiclass: macro F1
 * @param logLoss mean negative log-likelihood of the true class (calibrated probabilities)
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param r2 coefficient of determination
 * @param calibrationError expected calibration error over 10 confidence bins (calibrated
 *     probabilities)
 * @param trainRows rows the weights were fitted on
 * @param validationRows rows the metrics were measured on
 * @param intervalCoverage regression: share of validation rows whose value lies inside their 90%
 *     prediction interval, each half of the validation rows scored with the interval fitted on
 *     the other half (so it is an honest out-of-sample figure); NaN for classification
 */
public record PredictorMetrics(String metric, double metricValue, double auc, double accuracy,
    double f1, double logLoss, double rmse, double mae, double r2, double calibrationError,
    int trainRows, int validationRows, double intervalCoverage) {

  /** Metrics without an interval coverage (classification, or predictors saved before it). */
  public PredictorMetrics(String metric, double metricValue, double auc, double accuracy,
      double f1, double logLoss, double rmse, double mae, double r2, double calibrationError,
      int trainRows, int validationRows) {
    this(metric, metricValue, auc, accuracy, f1, logLoss, rmse, mae, r2, calibrationError,
        trainRows, validationRows, Double.NaN);
  }

  public PredictorMetrics withIntervalCoverage(double coverage) {
    return new PredictorMetrics(metric, metricValue, auc, accuracy, f1, logLoss, rmse, mae, r2,
        calibrationError, trainRows, validationRows, coverage);
  }
}
