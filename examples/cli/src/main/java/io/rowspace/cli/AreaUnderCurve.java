package io.rowspace.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The area under the ROC curve of probabilities for one class: the chance that a random row of
 * that class gets a higher probability than a random row of another class, ties counting half
 * (the Mann-Whitney statistic, computed from average ranks).
 */
final class AreaUnderCurve {
  private AreaUnderCurve() {
  }

  /**
   * The AUC of {@code probabilities} for {@code positive} given the {@code actual} labels; rows
   * with a missing label or probability (NaN) are left out. NaN when a class is absent.
   */
  static double of(List<String> actual, List<Double> probabilities, String positive) {
    List<double[]> scored = new ArrayList<>();
    for (int i = 0; i < actual.size(); i++) {
      double p = probabilities.get(i);
      if (actual.get(i) != null && !Double.isNaN(p)) {
        scored.add(new double[] {p, positive.equals(actual.get(i)) ? 1 : 0});
      }
    }
    scored.sort(Comparator.comparingDouble(row -> row[0]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < scored.size()) {
      int j = i;
      while (j < scored.size() && scored.get(j)[0] == scored.get(i)[0]) {
        j++;
      }
      double averageRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (scored.get(k)[1] == 1) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j;
    }
    long negatives = scored.size() - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
