package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a predictor's training inputs looked like, kept to warn about rows unlike them: the range,
 * mean and standard deviation of every numeric input column, and the distribution of the rows'
 * distances from the centre of the (standardised) space features.
 *
 * @param numeric per numeric input column: {@code {min, max, mean, std}}
 * @param distanceMean mean distance of the fitting rows from the centre of the features
 * @param distanceStd standard deviation of those distances
 * @param distanceMax the largest of those distances
 */
public record TrainingInputs(Map<String, double[]> numeric, double distanceMean, double distanceStd,
    double distanceMax) {

  /** A numeric value is reported when it is this many standard deviations outside the range. */
  static final double OUTSIDE_RANGE_STDS = 1.0;

  public static final TrainingInputs NONE = new TrainingInputs(Map.of(), Double.NaN, Double.NaN,
      Double.NaN);

  public static TrainingInputs of(Frame rows, int[] fit, List<String> numericColumns,
      SpaceFeatures standardised) {
    Map<String, double[]> numeric = new LinkedHashMap<>();
    for (String column : numericColumns) {
      int c = rows.indexOf(column);
      if (c < 0) {
        continue;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      double squares = 0;
      int n = 0;
      for (int r : fit) {
        Object v = rows.value(r, c);
        if (ValueParser.isMissing(v, ValueKind.NUMBER)) {
          continue;
        }
        double d = ValueParser.number(v, ValueKind.NUMBER);
        if (Double.isNaN(d)) {
          continue;
        }
        min = Math.min(min, d);
        max = Math.max(max, d);
        sum += d;
        squares += d * d;
        n++;
      }
      if (n >= 2) {
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, squares / n - mean * mean));
        numeric.put(column, new double[] {min, max, mean, std});
      }
    }
    double sum = 0;
    double squares = 0;
    double max = 0;
    for (int r : fit) {
      double d = distance(standardised, r);
      sum += d;
      squares += d * d;
      max = Math.max(max, d);
    }
    double mean = sum / fit.length;
    double std = Math.sqrt(Math.max(0, squares / fit.length - mean * mean));
    return new TrainingInputs(Collections.unmodifiableMap(numeric), mean, std, max);
  }

  /** Root mean square of a row's standardised features: its distance from the centre. */
  static double distance(SpaceFeatures standardised, int row) {
    int w = standardised.width();
    double s = 0;
    for (int j = 0; j < w; j++) {
      double v = standardised.values()[row * w + j];
      s += v * v;
    }
    return Math.sqrt(s / w);
  }

  /** The warning for a numeric value, or null when it lies within (or near) the training range. */
  String rangeWarning(String column, double value) {
    double[] s = numeric.get(column);
    if (s == null || !(s[3] > 0)) {
      return null;
    }
    double outside = value > s[1] ? (value - s[1]) / s[3] : value < s[0] ? (s[0] - value) / s[3]
        : 0;
    if (outside < OUTSIDE_RANGE_STDS) {
      return null;
    }
    return String.format(Locale.ROOT, "%s is %.1f standard deviations outside the training "
        + "range (%s to %s)", column, outside, plain(s[0]), plain(s[1]));
  }

  /** The warning for a row far from the training rows, or null. */
  String distanceWarning(double distance) {
    if (Double.isNaN(distanceMax) || Double.isNaN(distance) || distance <= distanceMax
        || !(distanceStd > 0)) {
      return null;
    }
    return String.format(Locale.ROOT, "the row is far from the training rows in the embedding "
        + "space (%.1f standard deviations beyond their average distance, farther than any "
        + "training row)", (distance - distanceMean) / distanceStd);
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  /** The same statistics under the columns' new names. */
  TrainingInputs renamed(UnaryOperator<String> names) {
    Map<String, double[]> renamed = new LinkedHashMap<>();
    numeric.forEach((column, values) -> renamed.put(names.apply(column), values));
    return new TrainingInputs(Collections.unmodifiableMap(renamed), distanceMean, distanceStd,
        distanceMax);
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(numeric.size());
    for (Map.Entry<String, double[]> e : numeric.entrySet()) {
      ModelFile.writeText(out, e.getKey());
      for (double v : e.getValue()) {
        out.writeDouble(v);
      }
    }
    out.writeDouble(distanceMean);
    out.writeDouble(distanceStd);
    out.writeDouble(distanceMax);
  }

  public static TrainingInputs read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IOException("invalid numeric column count " + n);
    }
    Map<String, double[]> numeric = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = ModelFile.readText(in);
      numeric.put(name, new double[] {in.readDouble(), in.readDouble(), in.readDouble(),
          in.readDouble()});
    }
    return new TrainingInputs(Collections.unmodifiableMap(numeric), in.readDouble(),
        in.readDouble(), in.readDouble());
  }
}
