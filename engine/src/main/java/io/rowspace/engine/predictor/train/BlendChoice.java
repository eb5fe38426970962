package io.rowspace.engine.predictor.train;

import java.util.List;
import java.util.Locale;

/**
 * The rule that picks a blend among candidates measured on the same rows (the members'
 * out-of-fold outputs of every training row, or the validation rows): the lowest score wins
 * unless a candidate that mixes more members is within noise of it, in
 * which case the mixture is kept. Within noise means that the candidate's mean per-row loss
 * exceeds the best's by at most one standard error of the per-row differences (paired on the same
 * rows). Among those, the most members with a share, then the most even shares (lowest sum of
 * squared shares), then the lower score, then the earlier candidate win, so the choice is the same
 * for the same losses.
 *
 * <p>Why: on the related-table sets, the blend kept the network alone on validation log-loss
 * differences of about 0.001 on 160–320 rows, well inside the noise, while a logistic
 * regression over the same summaries ranked held-out rows best; members with errors of their own
 * average out in a mixture, and a difference the validation rows cannot resolve is no reason to
 * drop one (docs/benchmarks.md, session 9).
 *
 * <p>For regression the lowest score wins outright: squared errors are heavy-tailed, so the
 * standard error that decides "within noise" is wide, and on ames the rule kept a mixture whose
 * held-out RMSE was 3.3 % worse than the best candidate's (20,479 against 19,826;
 * docs/benchmarks.md, session 10).
 */
final class BlendChoice {
  private BlendChoice() {}

  /**
   * A candidate measured on the validation rows.
   *
   * @param score its validation score, lower is better (log loss, RMSE)
   * @param rowLosses its loss on each validation row, in the same row order for every candidate
   *     (log loss of the calibrated probability of the true class; squared error)
   * @param shares each member's share (network, trees, linear), summing to 1
   */
  record Scored(double score, double[] rowLosses, double[] shares) {
    int members() {
      int m = 0;
      for (double s : shares) {
        if (s > 0) {
          m++;
        }
      }
      return m;
    }

    double concentration() {
      double c = 0;
      for (double s : shares) {
        c += s * s;
      }
      return c;
    }
  }

  /**
   * What the rule chose.
   *
   * @param best the candidate with the lowest score
   * @param chosen the candidate kept ({@code best} unless a mixture is within noise of it)
   * @param difference the chosen's mean per-row loss minus the best's
   * @param standardError the standard error of that difference
   */
  record Choice(int best, int chosen, double difference, double standardError) {
    /** Why the chosen candidate was kept over the best, for the timeline; empty if it is best. */
    String reason() {
      return chosen == best ? "" : String.format(Locale.ROOT, "within noise of the lowest "
          + "(per-row loss %+.4f, standard error %.4f), the mixture of more members kept",
          difference, standardError);
    }
  }

  /**
   * Chooses among candidates (at least one).
   *
   * @param mixturesWithinNoise whether a mixture within noise of the best is kept (classification)
   *     or the lowest score wins outright (regression)
   */
  static Choice choose(List<Scored> candidates, boolean mixturesWithinNoise) {
    int best = 0;
    for (int i = 1; i < candidates.size(); i++) {
      if (candidates.get(i).score() < candidates.get(best).score()) {
        best = i;
      }
    }
    Scored b = candidates.get(best);
    if (!mixturesWithinNoise) {
      return new Choice(best, best, 0, 0);
    }
    int chosen = best;
    double chosenDifference = 0;
    double chosenError = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Scored c = candidates.get(i);
      if (i == best || c.members() < candidates.get(chosen).members()) {
        continue;
      }
      double[] noise = difference(c.rowLosses(), b.rowLosses());
      if (!(noise[0] <= noise[1])) {
        continue;
      }
      if (preferred(c, candidates.get(chosen))) {
        chosen = i;
        chosenDifference = noise[0];
        chosenError = noise[1];
      }
    }
    return new Choice(best, chosen, chosenDifference, chosenError);
  }

  /** Whether {@code c} is preferred to {@code other} among candidates within noise. */
  private static boolean preferred(Scored c, Scored other) {
    if (c.members() != other.members()) {
      return c.members() > other.members();
    }
    double a = c.concentration();
    double b = other.concentration();
    if (Math.abs(a - b) > 1e-12) {
      return a < b;
    }
    return c.score() < other.score();
  }

  /** The mean of {@code a - b} per row and its standard error. */
  static double[] difference(double[] a, double[] b) {
    int n = a.length;
    if (n < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += (a[i] - b[i]) / n;
    }
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = a[i] - b[i] - mean;
      squares += d * d;
    }
    return new double[] {mean, Math.sqrt(squares / (n - 1) / n)};
  }
}
