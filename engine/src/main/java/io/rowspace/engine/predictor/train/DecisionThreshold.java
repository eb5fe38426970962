package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.PredictorOptions;

import java.util.Arrays;
import java.util.Locale;

/**
 * The binary decision threshold of a predictor ({@code threshold_rule}): best F1 on the
 * validation rows, or least cost when {@code cost_false_positive} or {@code cost_false_negative}
 * is given.
 */
final class DecisionThreshold {
  /** How the threshold is chosen, as the resolved options name it. */
  enum Rule {
    BEST_F1, LEAST_COST;

    String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Rule of(PredictorOptions options) {
      return options.costFalsePositive().isPresent() || options.costFalseNegative().isPresent()
          ? LEAST_COST : BEST_F1;
    }
  }

  private DecisionThreshold() {}

  /**
   * The binary decision threshold on the positive class's calibrated probability, chosen on the
   * validation rows: without costs, the one maximising F1; with {@code cost_false_positive} and/or
   * {@code cost_false_negative} (a cost not given counts 1), the one minimising the total cost of
   * the validation rows' errors. Among equally good thresholds the one nearest to the
   * probability-theoretic optimum (costs) or the middle of the tied range (F1) is kept.
   */
  static double choose(double[][] probabilities, int[] truth, int positive,
      PredictorOptions options) {
    int n = truth.length;
    boolean costs = options.costFalsePositive().isPresent()
        || options.costFalseNegative().isPresent();
    double costFp = options.costFalsePositive().orElse(1.0);
    double costFn = options.costFalseNegative().orElse(1.0);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[] p = new double[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      p[i] = probabilities[i][positive];
      positives += truth[i] == positive ? 1 : 0;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    // Walk thresholds from above every probability (all negative) down to the lowest one.
    int tp = 0;
    int fp = 0;
    double bestValue = costs ? -(costFn * positives) : 0;
    double bestHigh = 1.0;
    double bestLow = 1.0;
    boolean bestIsAllNegative = true;
    double reference = costs && costFp + costFn > 0 ? costFp / (costFp + costFn) : 0.5;
    int i = 0;
    while (i < n) {
      double c = p[order[i]];
      while (i < n && p[order[i]] == c) {
        if (truth[order[i]] == positive) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      int fn = positives - tp;
      double v = costs ? -(costFp * fp + costFn * fn)
          : tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      double next = i < n ? p[order[i]] : 0.0;
      // Every threshold in (next, c] gives the same decisions; c is the highest of them.
      if (v > bestValue + 1e-12) {
        bestValue = v;
        bestHigh = c;
        bestLow = next;
        bestIsAllNegative = false;
      } else if (Math.abs(v - bestValue) <= 1e-12 && !bestIsAllNegative && bestLow == c) {
        bestLow = next;
      }
    }
    if (bestIsAllNegative) {
      return costs ? Math.max(reference, Math.nextUp(p[order[0]])) : 0.5;
    }
    double low = Math.nextUp(bestLow);
    if (costs) {
      return Math.min(bestHigh, Math.max(low, reference));
    }
    return Math.min(bestHigh, Math.max(low, (bestLow + bestHigh) / 2));
  }
}
