package io.rowspace.engine.encode;

import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Encodes a numeric column through several transforms at once: the standardised value, a
 * standardised signed logarithm (for skewed amounts), the quantile rank in [-1, 1], a robust
 * value (distance from the median in interquartile ranges, untouched by extreme values), the sign,
 * low and high outlier flags (beyond three interquartile ranges from the quartiles) and a
 * quantile-bin embedding slot. The model mixes them with learned per-column weights.
 *
 * <p>The robust statistics are read off the stored quantiles, so spaces saved before the robust
 * transform existed load unchanged (they use the first {@link ColumnEncoder#LEGACY_FEATURES}).
 */
public final class ScalarEncoder extends ColumnEncoder {
  static final int BINS = 16;
  static final int QUANTILES = 33;
  private static final float CLIP = 5f;
  private static final double OUTLIER_IQRS = 3.0;

  private final double mean;
  private final double std;
  private final double logMean;
  private final double logStd;
  private final double[] quantiles;
  private final double[] binEdges;

  private ScalarEncoder(String name, ValueKind kind, double mean, double std, double logMean,
      double logStd, double[] quantiles, double[] binEdges) {
    super(name, kind);
    this.mean = mean;
    this.std = std;
    this.logMean = logMean;
    this.logStd = logStd;
    this.quantiles = quantiles;
    this.binEdges = binEdges;
  }

  static ScalarEncoder fit(String name, ValueKind kind, Object[] values) {
    double[] xs = new double[values.length];
    int n = 0;
    for (Object v : values) {
      if (ValueParser.isMissing(v, kind)) {
        continue;
      }
      double d = ValueParser.number(v, kind);
      if (Double.isFinite(d)) {
        xs[n++] = d;
      }
    }
    xs = Arrays.copyOf(xs, n);
    Arrays.sort(xs);
    double mean = 0;
    double logMean = 0;
    for (double x : xs) {
      mean += x;
      logMean += signedLog(x);
    }
    mean /= Math.max(1, n);
    logMean /= Math.max(1, n);
    double var = 0;
    double logVar = 0;
    for (double x : xs) {
      var += (x - mean) * (x - mean);
      logVar += (signedLog(x) - logMean) * (signedLog(x) - logMean);
    }
    double std = Math.sqrt(var / Math.max(1, n - 1));
    double logStd = Math.sqrt(logVar / Math.max(1, n - 1));
    double[] quantiles = new double[QUANTILES];
    for (int i = 0; i < QUANTILES; i++) {
      quantiles[i] = n == 0 ? 0 : quantile(xs, i / (double) (QUANTILES - 1));
    }
    double[] edges = new double[BINS - 1];
    int e = 0;
    for (int i = 1; i < BINS; i++) {
      double q = n == 0 ? 0 : quantile(xs, i / (double) BINS);
      if (e == 0 || q > edges[e - 1]) {
        edges[e++] = q;
      }
    }
    return new ScalarEncoder(name, kind, mean, std > 0 ? std : 1, logMean,
        logStd > 0 ? logStd : 1, quantiles, Arrays.copyOf(edges, e));
  }

  private static double quantile(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double signedLog(double x) {
    return Math.signum(x) * Math.log1p(Math.abs(x));
  }

  @Override
  public int vocabularySize() {
    return binEdges.length + 2;
  }

  @Override
  int encode(Object value, int[] slots, float[] features) {
    if (isMissing(value)) {
      return single(0, slots);
    }
    double x = ValueParser.number(value, kind());
    if (!Double.isFinite(x)) {
      return -1;
    }
    features[0] = clip((x - mean) / std);
    features[1] = clip((signedLog(x) - logMean) / logStd);
    features[2] = (float) (2 * rank(x) - 1);
    double spread = spread();
    features[3] = clip((x - quantiles[(QUANTILES - 1) / 2]) / spread);
    features[4] = (float) Math.signum(x);
    features[5] = x < lowerFence() ? 1f : 0f;
    features[6] = x > upperFence() ? 1f : 0f;
    int bin = 0;
    while (bin < binEdges.length && x >= binEdges[bin]) {
      bin++;
    }
    return single(1 + bin, slots);
  }

  /**
   * Robust standard deviations ({@code IQR / 1.349}) beyond the outlier fences (three
   * interquartile ranges outside the quartiles, the same fences as the outlier flags); 0 inside.
   * Not clipped, unlike the encoded features: a reading of 95 among temperatures of 10 to 26 is
   * told apart from one of 30.
   */
  @Override
  public double extremeness(Object value) {
    if (isMissing(value)) {
      return 0;
    }
    double x = ValueParser.number(value, kind());
    if (!Double.isFinite(x)) {
      return 0;
    }
    double beyond = Math.max(x - upperFence(), lowerFence() - x);
    return beyond > 0 ? beyond / (spread() / 1.349) : 0;
  }

  private double lowerQuartile() {
    return quantiles[(QUANTILES - 1) / 4];
  }

  private double upperQuartile() {
    return quantiles[3 * (QUANTILES - 1) / 4];
  }

  /** The interquartile range, or the standard deviation when the quartiles coincide. */
  private double spread() {
    double iqr = upperQuartile() - lowerQuartile();
    return iqr > 0 ? iqr : std;
  }

  /** Below this a value is a low outlier: three spreads under the lower quartile. */
  private double lowerFence() {
    return lowerQuartile() - OUTLIER_IQRS * spread();
  }

  /** Above this a value is a high outlier: three spreads over the upper quartile. */
  private double upperFence() {
    return upperQuartile() + OUTLIER_IQRS * spread();
  }

  private double rank(double x) {
    if (x <= quantiles[0]) {
      return 0;
    }
    if (x >= quantiles[QUANTILES - 1]) {
      return 1;
    }
    int i = 0;
    while (i < QUANTILES - 2 && x >= quantiles[i + 1]) {
      i++;
    }
    double span = quantiles[i + 1] - quantiles[i];
    double within = span > 0 ? (x - quantiles[i]) / span : 0;
    return (i + within) / (QUANTILES - 1);
  }

  private static float clip(double v) {
    return (float) Math.max(-CLIP, Math.min(CLIP, v));
  }

  @Override
  float sameValueKey(Object value, int slot) {
    if (slot <= 0) {
      return MISSING_KEY;
    }
    return (float) ValueParser.number(value, kind());
  }

  @Override
  void write(DataOutput out) throws IOException {
    out.writeByte(1);
    ModelFile.writeText(out, name());
    ModelFile.writeText(out, kind().name());
    out.writeDouble(mean);
    out.writeDouble(std);
    out.writeDouble(logMean);
    out.writeDouble(logStd);
    out.writeInt(quantiles.length);
    for (double q : quantiles) {
      out.writeDouble(q);
    }
    out.writeInt(binEdges.length);
    for (double b : binEdges) {
      out.writeDouble(b);
    }
  }

  static ScalarEncoder read(String name, ValueKind kind, DataInput in) throws IOException {
    double mean = in.readDouble();
    double std = in.readDouble();
    double logMean = in.readDouble();
    double logStd = in.readDouble();
    int nq = in.readInt();
    if (nq != QUANTILES) {
      throw new IOException("scalar encoder of '" + name + "' has " + nq + " quantiles");
    }
    double[] q = new double[nq];
    for (int i = 0; i < nq; i++) {
      q[i] = in.readDouble();
    }
    int nb = in.readInt();
    if (nb < 0 || nb >= BINS) {
      throw new IOException("scalar encoder of '" + name + "' has " + nb + " bin edges");
    }
    double[] b = new double[nb];
    for (int i = 0; i < nb; i++) {
      b[i] = in.readDouble();
    }
    return new ScalarEncoder(name, kind, mean, std, logMean, logStd, q, b);
  }
}
