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
 * @param logLoss mean negative log-likelihood of the true class
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param r2 coefficient of determination
 * @param calibrationError expected calibration error over 10 confidence bins
 * @param trainRows rows the weights were fitted on
 * @param validationRows rows the metrics were measured on
 */
public record PredictorMetrics(String metric, double metricValue, double auc, double accuracy,
    double f1, double logLoss, double rmse, double mae, double r2, double calibrationError,
    int trainRows, int validationRows) {}
