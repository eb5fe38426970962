package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.Predictor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Failure modes of a trained predictor, read from its outputs on the validation rows: a dead
 * network (outputs do not depend on the input), constant probability, single-class bias (every
 * row gets the same label), random predictions (no better than chance) and under-confidence
 * (probabilities before calibration far below the accuracy they achieve).
 */
final class FailureModes {
  static final String DEAD_NETWORK = "dead network";
  static final String CONSTANT_PROBABILITY = "constant probability";
  static final String SINGLE_CLASS_BIAS = "single-class bias";
  static final String RANDOM_PREDICTIONS = "random predictions";
  static final String UNDER_CONFIDENCE = "under-confidence";

  private FailureModes() {}

  /** One detected failure mode: its name and what was measured, for the user. */
  record Finding(String mode, String detail) {
    /** Whether retraining may help; under-confidence is corrected by calibration instead. */
    boolean retry() {
      return !mode.equals(UNDER_CONFIDENCE);
    }
  }

  /**
   * Findings for a classifier.
   *
   * @param logits raw validation logits (rows x k)
   * @param truth true class index per row
   * @param predicted predicted class index per row (after the threshold, for binary)
   * @param calibrated calibrated class probabilities per row
   * @param auc validation AUC (binary) or macro one-vs-rest AUC
   */
  static List<Finding> classification(float[] logits, int[] truth, int[] predicted,
      double[][] calibrated, int k, double auc, List<String> classes) {
    List<Finding> findings = new ArrayList<>();
    int n = truth.length;
    double outputSpread = 0;
    for (int j = 0; j < k; j++) {
      outputSpread = Math.max(outputSpread, std(logits, j, k, n));
    }
    double probabilitySpread = 0;
    for (int j = 0; j < k; j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = calibrated[i][j];
      }
      probabilitySpread = Math.max(probabilitySpread, std(column));
    }
    if (outputSpread < 1e-4) {
      findings.add(new Finding(DEAD_NETWORK, String.format(Locale.ROOT,
          "the network's outputs do not vary across validation rows (std %.2g)", outputSpread)));
    } else if (probabilitySpread < 0.01) {
      findings.add(new Finding(CONSTANT_PROBABILITY, String.format(Locale.ROOT,
          "predicted probabilities barely vary across validation rows (std %.4f)",
          probabilitySpread)));
    }
    int first = predicted.length == 0 ? -1 : predicted[0];
    boolean single = true;
    for (int p : predicted) {
      single &= p == first;
    }
    boolean severalTrue = false;
    for (int t : truth) {
      severalTrue |= t != truth[0];
    }
    if (single && severalTrue) {
      findings.add(new Finding(SINGLE_CLASS_BIAS, "every validation row is predicted '"
          + classes.get(first) + "'"));
    }
    if (!Double.isNaN(auc) && auc < 0.5 + 2 * aucStandardError(truth, k)) {
      findings.add(new Finding(RANDOM_PREDICTIONS, String.format(Locale.ROOT,
          "validation AUC %.3f is within chance level (0.5 + 2 standard errors = %.3f)", auc,
          0.5 + 2 * aucStandardError(truth, k))));
    }
    double confidence = 0;
    int right = 0;
    for (int i = 0; i < n; i++) {
      double[] p = Predictor.softmax(logits, i * k, k, 1.0);
      int top = 0;
      for (int j = 1; j < k; j++) {
        if (p[j] > p[top]) {
          top = j;
        }
      }
      confidence += p[top];
      right += top == truth[i] ? 1 : 0;
    }
    confidence /= n;
    double accuracy = right / (double) n;
    if (accuracy - confidence > 0.1) {
      findings.add(new Finding(UNDER_CONFIDENCE, String.format(Locale.ROOT,
          "before calibration the mean confidence is %.3f but the accuracy %.3f", confidence,
          accuracy)));
    }
    return findings;
  }

  /** Findings for a regression: constant outputs, or no better than predicting the mean. */
  static List<Finding> regression(float[] standardisedOutputs, double r2) {
    List<Finding> findings = new ArrayList<>();
    double spread = std(standardisedOutputs, 0, 1, standardisedOutputs.length);
    if (spread < 1e-4) {
      findings.add(new Finding(DEAD_NETWORK, String.format(Locale.ROOT,
          "the network's outputs do not vary across validation rows (std %.2g)", spread)));
    } else if (spread < 0.01) {
      findings.add(new Finding(CONSTANT_PROBABILITY, String.format(Locale.ROOT,
          "predictions barely vary across validation rows (%.4f target standard deviations)",
          spread)));
    }
    if (!(r2 > 0.01)) {
      findings.add(new Finding(RANDOM_PREDICTIONS, String.format(Locale.ROOT,
          "validation R² %.3f: no better than predicting the mean", r2)));
    }
    return findings;
  }

  /**
   * Standard error of the AUC of a random scorer (Mann-Whitney under the null), for the smallest
   * class against the rest.
   */
  private static double aucStandardError(int[] truth, int k) {
    int[] count = new int[k];
    for (int t : truth) {
      count[t]++;
    }
    int smallest = Integer.MAX_VALUE;
    for (int c : count) {
      if (c > 0) {
        smallest = Math.min(smallest, c);
      }
    }
    double n1 = smallest;
    double n0 = truth.length - smallest;
    if (n1 == 0 || n0 == 0) {
      return 0;
    }
    return Math.sqrt((n1 + n0 + 1) / (12 * n1 * n0));
  }

  private static double std(float[] values, int offset, int stride, int n) {
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i * stride + offset];
      s += v;
      s2 += v * v;
    }
    double m = s / n;
    return Math.sqrt(Math.max(0, s2 / n - m * m));
  }

  private static double std(double[] values) {
    double s = 0;
    double s2 = 0;
    for (double v : values) {
      s += v;
      s2 += v * v;
    }
    double m = s / values.length;
    return Math.sqrt(Math.max(0, s2 / values.length - m * m));
  }
}
