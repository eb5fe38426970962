package io.rowspace.engine.space.train;

import java.util.Locale;

/**
 * How well a set of row embeddings uses its space, measured on validation rows after an epoch.
 * Embeddings are unit vectors, so:
 * <ul>
 *   <li>{@code meanCosine} is the mean cosine similarity over all pairs of different rows: near 0
 *       for embeddings spread over the sphere, near 1 when every row maps to about the same
 *       point;
 *   <li>{@code effectiveRank} is {@code exp} of the entropy of the covariance's eigenvalues
 *       (normalised to sum to 1): the number of directions the rows actually vary along, from 1 up
 *       to the embedding width; a low rank with a low mean cosine is a dimensional collapse;
 *   <li>{@code variance} is the total variance (trace of the covariance): about 0 when the network
 *       gives every row the same embedding.
 * </ul>
 *
 * @param rows number of embeddings measured
 * @param meanCosine mean pairwise cosine similarity of different rows
 * @param effectiveRank effective rank of the embeddings' covariance
 * @param variance total variance of the embeddings
 */
public record EmbeddingHealth(int rows, double meanCosine, double effectiveRank,
    double variance) {
  /** Mean cosine above which the rows are bunched together. */
  static final double COLLAPSED_MEAN_COSINE = 0.8;
  /** Effective rank below which the rows vary along too few directions. */
  static final double COLLAPSED_RANK = 2.0;
  /** Total variance below which every row has (almost) the same embedding. */
  static final double DEAD_VARIANCE = 1e-6;

  /**
   * Measures unit-length embeddings.
   *
   * @param embeddings row-major, {@code rows * width} values
   * @param width embedding width
   */
  static EmbeddingHealth of(float[] embeddings, int width) {
    int n = embeddings.length / width;
    if (n < 2) {
      return new EmbeddingHealth(n, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] mean = new double[width];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < width; j++) {
        mean[j] += embeddings[r * width + j];
      }
    }
    double sumSquared = 0;
    double selfSimilarity = 0;
    for (int j = 0; j < width; j++) {
      sumSquared += mean[j] * mean[j];
      mean[j] /= n;
    }
    double[][] covariance = new double[width][width];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < width; i++) {
        double a = embeddings[r * width + i] - mean[i];
        selfSimilarity += embeddings[r * width + i] * (double) embeddings[r * width + i];
        for (int j = i; j < width; j++) {
          covariance[i][j] += a * (embeddings[r * width + j] - mean[j]);
        }
      }
    }
    for (int i = 0; i < width; i++) {
      for (int j = i; j < width; j++) {
        covariance[i][j] /= n;
        covariance[j][i] = covariance[i][j];
      }
    }
    double meanCosine = (sumSquared - selfSimilarity) / ((double) n * (n - 1));
    double[] eigenvalues = SymmetricEigenvalues.of(covariance);
    double variance = 0;
    for (double v : eigenvalues) {
      variance += Math.max(0, v);
    }
    double entropy = 0;
    if (variance > 0) {
      for (double v : eigenvalues) {
        double p = Math.max(0, v) / variance;
        if (p > 0) {
          entropy -= p * Math.log(p);
        }
      }
    }
    return new EmbeddingHealth(n, meanCosine, variance > 0 ? Math.exp(entropy) : 0, variance);
  }

  /** How much further together than at the start rows must be to count as collapsed. */
  static final double COLLAPSE_MARGIN = 0.05;

  /** Whether the rows are bunched at one point or squeezed onto too few directions. */
  boolean collapsed() {
    return meanCosine > COLLAPSED_MEAN_COSINE || effectiveRank < COLLAPSED_RANK;
  }

  /**
   * Whether training collapsed the rows: they are {@link #collapsed()} and closer together, or
   * along fewer directions, than with the initial weights ({@code start}). An untrained network
   * already gives similar embeddings to every row; a small table whose rows are still near that
   * state after a few steps has not collapsed, it has not spread yet.
   */
  boolean collapsedSince(EmbeddingHealth start) {
    return collapsed() && (!(meanCosine <= start.meanCosine + COLLAPSE_MARGIN)
        || !(effectiveRank >= 0.75 * start.effectiveRank));
  }

  /** Whether every row has practically the same embedding: the network no longer responds. */
  boolean constant() {
    return variance < DEAD_VARIANCE;
  }

  /** The figures as the timeline's failures show them. */
  String describe() {
    return String.format(Locale.ROOT, "mean cosine %.2f, effective rank %.1f", meanCosine,
        effectiveRank);
  }
}
