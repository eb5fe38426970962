package io.rowspace.bench;

import java.util.List;

/**
 * What the benchmark measured on one data set. Metrics are on the held-out rows; NaN marks a
 * figure that does not apply or could not be measured.
 *
 * @param dataset the data set's folder name
 * @param task binary, multiclass or regression
 * @param metric AUC, accuracy or RMSE
 * @param trainingRows rows of the training table
 * @param heldOutRows held-out rows scored (those with a target)
 * @param positiveLabel for binary targets, the class whose probability is scored (the minority
 *     class of the training rows); otherwise null
 * @param rowspace Rowspace's metric
 * @param xgboost XGBoost's metric
 * @param linear logistic or ridge regression's metric
 * @param calibrationError Rowspace's expected calibration error over 10 bins: of the positive
 *     class's probability (binary) or of the predicted label's (multiclass)
 * @param intervalCoverage share of held-out rows inside Rowspace's regression interval, from
 *     {@code PREDICT_DETAILS}, when the predictor gives one
 * @param spaceSeconds wall-clock seconds of {@code CREATE EMBEDDING SPACE}
 * @param predictorSeconds wall-clock seconds of {@code CREATE PREDICTOR}
 * @param predictSeconds wall-clock seconds of the held-out {@code SELECT ... PREDICT(...)}
 * @param xgboostSeconds seconds to build XGBoost's training matrix and train it
 * @param linearSeconds seconds to fit the linear model
 * @param heapPeakBytes the Java heap's peak while Rowspace loaded, trained and predicted
 * @param residentPeakBytes the process's peak resident set size by then (heap and native)
 * @param notes what Rowspace reported: warnings of the two statements, excluded columns
 */
record DatasetResult(String dataset, String task, String metric, int trainingRows,
    int heldOutRows, String positiveLabel, double rowspace, double xgboost, double linear,
    double calibrationError, double intervalCoverage, double spaceSeconds,
    double predictorSeconds, double predictSeconds, double xgboostSeconds, double linearSeconds,
    long heapPeakBytes, long residentPeakBytes, List<String> notes) {

  /** Whether higher values of the metric are better (AUC, accuracy) or lower (RMSE). */
  boolean higherIsBetter() {
    return !"RMSE".equals(metric);
  }

  /** The better of the two baselines' metric. */
  double bestBaseline() {
    if (Double.isNaN(xgboost) || Double.isNaN(linear)) {
      return Double.isNaN(xgboost) ? linear : xgboost;
    }
    return higherIsBetter() ? Math.max(xgboost, linear) : Math.min(xgboost, linear);
  }
}
