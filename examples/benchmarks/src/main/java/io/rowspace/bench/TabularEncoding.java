package io.rowspace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the baselines see a row, fitted on the training rows only: each numeric column once, each
 * categorical column as one indicator per level seen in training (NULL is a level of its own when
 * it occurs; a level never seen in training sets no indicator).
 *
 * <p>{@link #standardised} gives the linear models' inputs: numerics standardised by the training
 * mean and standard deviation, NULL replaced by the mean (so 0). {@link #raw} gives XGBoost's:
 * numerics as they are, NULL as NaN, which XGBoost treats as missing.
 */
final class TabularEncoding {
  private static final String NULL_LEVEL = "\u0000null";

  private final boolean[] categorical;
  private final double[] means;
  private final double[] deviations;
  private final List<Map<String, Integer>> levels;
  private final int width;

  private TabularEncoding(boolean[] categorical, double[] means, double[] deviations,
      List<Map<String, Integer>> levels, int width) {
    this.categorical = categorical;
    this.means = means;
    this.deviations = deviations;
    this.levels = levels;
    this.width = width;
  }

  /**
   * Fits the encoding of rows whose column {@code c} is categorical when
   * {@code categorical[c]}: a {@code String} or null there, otherwise a {@code Double}.
   */
  static TabularEncoding fit(boolean[] categorical, Object[][] rows) {
    int columns = categorical.length;
    double[] means = new double[columns];
    double[] deviations = new double[columns];
    List<Map<String, Integer>> levels = new ArrayList<>();
    int width = 0;
    for (int c = 0; c < columns; c++) {
      if (categorical[c]) {
        TreeMap<String, Integer> seen = new TreeMap<>();
        for (Object[] row : rows) {
          seen.put(row[c] == null ? NULL_LEVEL : (String) row[c], 0);
        }
        for (Map.Entry<String, Integer> level : seen.entrySet()) {
          level.setValue(width++);
        }
        levels.add(seen);
      } else {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (Object[] row : rows) {
          double v = (Double) row[c];
          if (!Double.isNaN(v)) {
            sum += v;
            squares += v * v;
            count++;
          }
        }
        means[c] = count == 0 ? 0 : sum / count;
        double variance = count == 0 ? 0 : Math.max(0, squares / count - means[c] * means[c]);
        deviations[c] = variance > 1e-24 ? Math.sqrt(variance) : 1;
        levels.add(null);
        width++;
      }
    }
    return new TabularEncoding(categorical.clone(), means, deviations, levels, width);
  }

  /** The number of inputs a row is encoded into. */
  int width() {
    return width;
  }

  /** A row as the linear models see it: standardised, mean-imputed numerics and indicators. */
  double[] standardised(Object[] row) {
    return encode(row, true);
  }

  /** A row as XGBoost sees it: raw numerics with NaN for missing, and indicators. */
  float[] raw(Object[] row) {
    double[] encoded = encode(row, false);
    float[] x = new float[encoded.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) encoded[i];
    }
    return x;
  }

  private double[] encode(Object[] row, boolean standardise) {
    double[] x = new double[width];
    int at = 0;
    for (int c = 0; c < categorical.length; c++) {
      if (categorical[c]) {
        Integer index = levels.get(c).get(row[c] == null ? NULL_LEVEL : (String) row[c]);
        if (index != null) {
          x[index] = 1;
        }
        at += levels.get(c).size();
      } else {
        double v = (Double) row[c];
        x[at++] = !standardise ? v : Double.isNaN(v) ? 0 : (v - means[c]) / deviations[c];
      }
    }
    return x;
  }

  /** Every row, {@link #standardised}. */
  double[][] standardisedRows(Object[][] rows) {
    double[][] x = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = standardised(rows[i]);
    }
    return x;
  }

  /** Every row, {@link #raw}, row after row in one array (XGBoost's dense layout). */
  float[] rawRows(Object[][] rows) {
    float[] x = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(raw(rows[i]), 0, x, i * width, width);
    }
    return x;
  }
}
