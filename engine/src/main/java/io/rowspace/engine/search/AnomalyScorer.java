package io.rowspace.engine.search;

import java.util.Arrays;

/**
 * How unusual a row is for a space: one minus the mean cosine similarity of its vector to its
 * nearest reference rows, standardised by the same score of the reference rows themselves, so
 * that 0 is typical and 3 is three standard deviations more isolated than a typical row.
 *
 * <p>The reference is the embedded rows, or an evenly spaced sample of them for large spaces,
 * so scoring costs the same for every row and the same vectors always give the same scorer.
 */
public final class AnomalyScorer {
  /** Reference rows kept at most; scoring one row costs this many dot products. */
  static final int MAX_REFERENCE_ROWS = 4096;
  /** Neighbours whose similarity is averaged. */
  static final int NEIGHBOURS = 10;
  /** Similarity above which a reference row is taken to be the scored row itself. */
  private static final double SELF = 1 - 1e-6;

  private final float[][] reference;
  private final int neighbours;
  private final double mean;
  private final double std;

  private AnomalyScorer(float[][] reference) {
    this.reference = reference;
    this.neighbours = Math.max(1, Math.min(NEIGHBOURS, reference.length - 1));
    double[] scores = new double[reference.length];
    for (int i = 0; i < reference.length; i++) {
      scores[i] = isolation(reference[i], i);
    }
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    double m = scores.length == 0 ? 0 : sum / scores.length;
    double squares = 0;
    for (double s : scores) {
      squares += (s - m) * (s - m);
    }
    this.mean = m;
    this.std = scores.length < 2 ? 1 : Math.max(Math.sqrt(squares / (scores.length - 1)), 1e-9);
  }

  /** A scorer whose reference is the rows of a space. */
  public static AnomalyScorer fit(RowVectors rows) {
    int n = rows.size();
    int m = Math.min(n, MAX_REFERENCE_ROWS);
    float[][] reference = new float[m][];
    for (int i = 0; i < m; i++) {
      reference[i] = rows.vector((int) ((long) i * n / m));
    }
    return new AnomalyScorer(reference);
  }

  /** The anomaly score of a normalised vector, in standard deviations of the reference's. */
  public double score(float[] vector) {
    return (isolation(vector, -1) - mean) / std;
  }

  /**
   * The anomaly score of a row: its vector's isolation, in standard deviations of the
   * reference's, plus the {@code extremeness} of its values (robust standard deviations beyond
   * the outlier fences, {@code EmbeddingSpace.extremeness}). A learned space may place one
   * extreme row among ordinary ones (its encoders clip values, and training spreads all rows
   * apart); the second term keeps a reading far outside every other row the most unusual.
   */
  public double score(float[] vector, double extremeness) {
    return score(vector) + extremeness;
  }

  /**
   * One minus the mean similarity to the nearest reference rows, leaving out reference row
   * {@code self} (or, when -1, the first reference row identical to the vector).
   */
  private double isolation(float[] vector, int self) {
    double[] best = new double[neighbours];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    boolean skippedSelf = self >= 0;
    for (int r = 0; r < reference.length; r++) {
      if (r == self) {
        continue;
      }
      double similarity = dot(vector, reference[r]);
      if (!skippedSelf && similarity >= SELF) {
        skippedSelf = true;
        continue;
      }
      if (similarity > best[neighbours - 1]) {
        int k = neighbours - 1;
        while (k > 0 && best[k - 1] < similarity) {
          best[k] = best[k - 1];
          k--;
        }
        best[k] = similarity;
      }
    }
    double sum = 0;
    int counted = 0;
    for (double b : best) {
      if (b != Double.NEGATIVE_INFINITY) {
        sum += b;
        counted++;
      }
    }
    return counted == 0 ? 0 : 1 - sum / counted;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}
