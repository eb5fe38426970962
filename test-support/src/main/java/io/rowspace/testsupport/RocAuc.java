package io.rowspace.testsupport;

import java.util.Arrays;
import java.util.List;

/**
 * The area under the ROC curve: the chance that a positive row scores above a negative one, ties
 * counting one half, counted as exactly that. The positives' and the negatives' scores are sorted
 * apart, then one walk over both counts, for each positive, the negatives below and level with
 * it: {@code n log n} for any number of rows. Written here, apart from the engine's own metrics
 * (which use rank sums), so that tests judge the engine with a measure it does not share.
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * The AUC of scores for binary labels.
   *
   * @throws IllegalArgumentException when the lengths differ or one class is absent
   */
  public static double of(double[] scores, boolean[] positive) {
    if (scores.length != positive.length) {
      throw new IllegalArgumentException("Need one label per score: " + scores.length
          + " scores, " + positive.length + " labels");
    }
    int positives = 0;
    for (boolean p : positive) {
      positives += p ? 1 : 0;
    }
    double[] pos = new double[positives];
    double[] neg = new double[scores.length - positives];
    for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
      if (positive[i]) {
        pos[a++] = scores[i];
      } else {
        neg[b++] = scores[i];
      }
    }
    if (pos.length == 0 || neg.length == 0) {
      throw new IllegalArgumentException("The AUC needs both classes: " + pos.length
          + " positive and " + neg.length + " negative rows");
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    double wins = 0;
    int below = 0;
    int notAbove = 0;
    for (double p : pos) {
      while (below < neg.length && neg[below] < p) {
        below++;
      }
      notAbove = Math.max(notAbove, below);
      while (notAbove < neg.length && neg[notAbove] == p) {
        notAbove++;
      }
      wins += below + 0.5 * (notAbove - below);
    }
    return wins / ((double) pos.length * neg.length);
  }

  /** The AUC of scores for binary labels, as lists. */
  public static double of(List<Double> scores, List<Boolean> positive) {
    double[] s = new double[scores.size()];
    boolean[] p = new boolean[positive.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i);
    }
    for (int i = 0; i < p.length; i++) {
      p[i] = positive.get(i);
    }
    return of(s, p);
  }
}
