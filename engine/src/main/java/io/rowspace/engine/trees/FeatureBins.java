package io.rowspace.engine.trees;

import java.util.Arrays;

/**
 * Quantile cut points of each feature, fitted on the training rows. A value falls in bin
 * {@code 1 + (index of the first cut >= value)}; bin 0 holds missing values ({@code NaN}). A split
 * "bin &lt;= b" is the same as "value &lt;= cut[b - 1]", so trees trained on bins predict on raw
 * values with the same decisions.
 */
final class FeatureBins {
  /** Bins for present values; with the missing bin, a bin index fits in an unsigned byte. */
  static final int MAX_BINS = 255;

  private final float[][] cuts;

  private FeatureBins(float[][] cuts) {
    this.cuts = cuts;
  }

  /**
   * Cut points from the given rows: every distinct value when there are at most
   * {@code maxBins}, else values at evenly spaced quantiles.
   */
  static FeatureBins fit(float[] x, int width, int[] rows, int maxBins) {
    if (maxBins < 2 || maxBins > MAX_BINS) {
      throw new IllegalArgumentException("maxBins must be in 2.." + MAX_BINS + ": " + maxBins);
    }
    float[][] cuts = new float[width][];
    float[] column = new float[rows.length];
    for (int f = 0; f < width; f++) {
      int m = 0;
      for (int r : rows) {
        float v = x[r * width + f];
        if (!Float.isNaN(v)) {
          column[m++] = v;
        }
      }
      float[] sorted = Arrays.copyOf(column, m);
      Arrays.sort(sorted);
      int distinct = 0;
      for (int i = 0; i < m; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          sorted[distinct++] = sorted[i];
        }
      }
      // The largest value needs no cut: everything above the last cut is the last bin.
      float[] c;
      if (distinct <= maxBins) {
        c = Arrays.copyOf(sorted, Math.max(0, distinct - 1));
      } else {
        float[] all = Arrays.copyOf(column, m);
        Arrays.sort(all);
        float[] chosen = new float[maxBins - 1];
        int k = 0;
        for (int q = 1; q < maxBins; q++) {
          float v = all[(int) ((long) q * m / maxBins)];
          if ((k == 0 || v > chosen[k - 1]) && v < all[m - 1]) {
            chosen[k++] = v;
          }
        }
        c = Arrays.copyOf(chosen, k);
      }
      cuts[f] = c;
    }
    return new FeatureBins(cuts);
  }

  int width() {
    return cuts.length;
  }

  /** Bins of a feature, the missing bin included. */
  int bins(int feature) {
    return cuts[feature].length + 2;
  }

  /** The bin of a value. */
  int bin(int feature, float value) {
    if (Float.isNaN(value)) {
      return 0;
    }
    float[] c = cuts[feature];
    int lo = 0;
    int hi = c.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (c[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo + 1;
  }

  /** The raw-value threshold of the split "bin &lt;= b". */
  float threshold(int feature, int bin) {
    return cuts[feature][bin - 1];
  }

  /** Bins of the given rows of {@code x}, row-major, as unsigned bytes. */
  byte[] binned(float[] x, int rows) {
    int w = cuts.length;
    byte[] out = new byte[rows * w];
    for (int i = 0; i < rows; i++) {
      for (int f = 0; f < w; f++) {
        out[i * w + f] = (byte) bin(f, x[i * w + f]);
      }
    }
    return out;
  }
}
