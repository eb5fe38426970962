package io.rowspace.engine.predictor;

import java.util.Arrays;

/** Validation metrics, computed in plain Java from probabilities or predicted values. */
final class Metrics {
  private Metrics() {}

  /** Area under the ROC curve of scores for a binary truth (ties count one half). */
  static double auc(double[] scores, boolean[] positive) {
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
}
