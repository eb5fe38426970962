package io.rowspace.engine.predictor;

import java.util.Arrays;

/**
 * Validation metrics, computed in plain Java from probabilities or predicted values: what
 * training measures on the validation rows and what {@link LabelledPredictions} measures on any
 * labelled rows, with the same code.
 */
public final class Metrics {
  private Metrics() {}

  /** Area under the ROC curve of scores for a binary truth (ties count one half); NaN without both. */
  public static double auc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Expected calibration error over 10 equal-width bins of confidence. */
  static double calibrationError(double[] confidence, boolean[] correct) {
    int bins = 10;
    double[] conf = new double[bins];
    double[] acc = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < confidence.length; i++) {
      int b = Math.min(bins - 1, (int) (confidence[i] * bins));
      conf[b] += confidence[i];
      acc[b] += correct[i] ? 1 : 0;
      count[b]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += Math.abs(acc[b] - conf[b]) / confidence.length;
      }
    }
    return ece;
  }

  /** F1 of one class given predicted and true class indices. */
  static double f1(int[] predicted, int[] truth, int cls) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < truth.length; i++) {
      if (predicted[i] == cls && truth[i] == cls) {
        tp++;
      } else if (predicted[i] == cls) {
        fp++;
      } else if (truth[i] == cls) {
        fn++;
      }
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /**
   * Per row, the predicted class: the most probable, or for a binary predictor ({@code positive}
   * at least 0) the positive class when its probability reaches the threshold.
   */
  public static int[] predictedClasses(double[][] probabilities, double threshold, int positive) {
    int[] predicted = new int[probabilities.length];
    for (int i = 0; i < probabilities.length; i++) {
      double[] p = probabilities[i];
      int best = 0;
      for (int j = 1; j < p.length; j++) {
        if (p[j] > p[best]) {
          best = j;
        }
      }
      if (positive >= 0) {
        best = p[positive] >= threshold ? positive : 1 - positive;
      }
      predicted[i] = best;
    }
    return predicted;
  }

  /**
   * Classification metrics of calibrated probabilities against the true classes: AUC (binary, or
   * the mean one-vs-rest AUC), accuracy and F1 at the threshold, log loss and calibration error.
   */
  public static PredictorMetrics classification(double[][] probabilities, int[] truth, int k,
      double threshold, int positive, int trainRows) {
    int n = truth.length;
    int[] predicted = predictedClasses(probabilities, threshold, positive);
    double[] confidence = new double[n];
    boolean[] correct = new boolean[n];
    double logLoss = 0;
    int right = 0;
    for (int i = 0; i < n; i++) {
      double[] p = probabilities[i];
      int top = 0;
      for (int j = 1; j < k; j++) {
        if (p[j] > p[top]) {
          top = j;
        }
      }
      confidence[i] = p[top];
      correct[i] = top == truth[i];
      logLoss -= Math.log(Math.max(1e-12, p[truth[i]]));
      if (predicted[i] == truth[i]) {
        right++;
      }
    }
    double accuracy = right / (double) n;
    double auc;
    double f1;
    if (positive >= 0) {
      double[] scores = new double[n];
      boolean[] isPositive = new boolean[n];
      for (int i = 0; i < n; i++) {
        scores[i] = probabilities[i][positive];
        isPositive[i] = truth[i] == positive;
      }
      auc = auc(scores, isPositive);
      f1 = f1(predicted, truth, positive);
    } else {
      double aucSum = 0;
      double f1Sum = 0;
      int aucClasses = 0;
      for (int c = 0; c < k; c++) {
        double[] scores = new double[n];
        boolean[] isClass = new boolean[n];
        for (int i = 0; i < n; i++) {
          scores[i] = probabilities[i][c];
          isClass[i] = truth[i] == c;
        }
        double a = auc(scores, isClass);
        if (!Double.isNaN(a)) {
          aucSum += a;
          aucClasses++;
        }
        f1Sum += f1(predicted, truth, c);
      }
      auc = aucClasses == 0 ? Double.NaN : aucSum / aucClasses;
      f1 = f1Sum / k;
    }
    double ece = calibrationError(confidence, correct);
    String metric = positive >= 0 ? "auc" : "accuracy";
    double metricValue = positive >= 0 ? auc : accuracy;
    return new PredictorMetrics(metric, metricValue, auc, accuracy, f1, logLoss / n, Double.NaN,
        Double.NaN, Double.NaN, ece, trainRows, n);
  }

  /** Regression metrics of predicted values against the actual ones: RMSE, MAE and R squared. */
  public static PredictorMetrics regression(double[] predicted, double[] actual,
      int trainRows) {
    int n = actual.length;
    double se = 0;
    double ae = 0;
    double mean = 0;
    for (double a : actual) {
      mean += a;
    }
    mean /= n;
    double total = 0;
    for (int i = 0; i < n; i++) {
      se += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
      ae += Math.abs(predicted[i] - actual[i]);
      total += (actual[i] - mean) * (actual[i] - mean);
    }
    double rmse = Math.sqrt(se / n);
    double r2 = total > 0 ? 1 - se / total : Double.NaN;
    return new PredictorMetrics("rmse", rmse, Double.NaN, Double.NaN, Double.NaN, Double.NaN, rmse,
        ae / n, r2, Double.NaN, trainRows, n);
  }
}
