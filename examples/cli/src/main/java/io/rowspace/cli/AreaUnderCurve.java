package io.rowspace.cli;

import io.rowspace.engine.predictor.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The area under the ROC curve of probabilities for one class: the chance that a random row of
 * that class gets a higher probability than a random row of another class, ties counting half
 * (the engine's {@link Metrics#auc}, the measure EVALUATE reports too).
 */
final class AreaUnderCurve {
  private AreaUnderCurve() {
  }

  /**
   * The AUC of {@code probabilities} for {@code positive} given the {@code actual} labels; rows
   * with a missing label or probability (NaN) are left out. NaN when a class is absent.
   */
  static double of(List<String> actual, List<Double> probabilities, String positive) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < actual.size(); i++) {
      if (actual.get(i) != null && !Double.isNaN(probabilities.get(i))) {
        kept.add(i);
      }
    }
    double[] scores = new double[kept.size()];
    boolean[] isPositive = new boolean[kept.size()];
    for (int k = 0; k < scores.length; k++) {
      scores[k] = probabilities.get(kept.get(k));
      isPositive[k] = positive.equals(actual.get(kept.get(k)));
    }
    return Metrics.auc(scores, isPositive);
  }
}
