package io.rowspace.engine.predictor;

import io.rowspace.engine.store.ModelFile;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.engine.trees.TreeBooster;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Random;

/**
 * A ridge-regularised linear model over the same inputs as the trees ({@link TreeInputs}):
 * logistic regression (binary, one log-odds margin), multinomial logistic regression (one margin
 * per class) or least squares (regression, the standardised value). Inputs are standardised on
 * the fitting rows; a missing input counts as its mean. Fitted by Nesterov's accelerated gradient
 * on the mean loss plus {@code l2/2 * |w|^2} with the step set by a bound on the loss's curvature,
 * a fixed number of steps in a fixed order, so the same rows give the same weights bit for bit.
 *
 * <p>Where a target is close to a weighted sum of a row's values or of its related rows'
 * summaries (psid's gender from a person's years), a linear model on few rows beats both the
 * network and the trees; the blend gives it the share the validation rows support.
 */
public final class LinearModel {
  /**
   * Penalty on the weights of standardised inputs when none is chosen (the baselines of
   * {@code EVALUATE}); a predictor's blend chooses one of {@link #PENALTIES} on folds of its rows.
   */
  static final double L2 = 1e-2;
  /**
   * Penalties a blend tries, per row of the mean loss: from about what a textbook logistic
   * regression ({@code C = 1}) puts on a thousand rows to a hundred times the default.
   */
  public static final double[] PENALTIES = {1e-3, 1e-2, 1e-1};
  static final int STEPS = 500;
  /**
   * Multiply-adds a gradient step may take ({@code rows x outputs x inputs}); beyond it the model
   * is fitted on a seeded sample of the fitting rows, so that many rows, classes and columns
   * together take seconds, not minutes.
   */
  static final long STEP_BUDGET = 5_000_000L;

  private final float[] center;
  private final float[] scale;
  /** Per output, its weights then its intercept. */
  private final float[] weights;
  private final int outputs;

  private LinearModel(float[] center, float[] scale, float[] weights, int outputs) {
    this.center = center;
    this.scale = scale;
    this.weights = weights;
    this.outputs = outputs;
  }

  int width() {
    return center.length;
  }

  /** Margins per row: one for binary and regression, one per class for multiclass. */
  public int outputs() {
    return outputs;
  }

  /**
   * Fits on the rows {@code fit} of {@code rows} ({@code width} values a row).
   *
   * @param target 0 or 1 (logistic), the class index (softmax) or the standardised value
   * @param seed seed of the sample of rows taken beyond {@link #STEP_BUDGET}
   */
  public static LinearModel fit(float[] rows, int width, int[] fit, BoostingLoss loss, int classes,
      float[] target, long seed) {
    return fit(rows, width, fit, loss, classes, target, seed, L2);
  }

  /**
   * Fits on the rows {@code fit} of {@code rows} with the penalty {@code l2} on the weights.
   *
   * @param l2 penalty per row of the mean loss, above 0
   */
  public static LinearModel fit(float[] rows, int width, int[] fit, BoostingLoss loss, int classes,
      float[] target, long seed, double l2) {
    if (!(l2 > 0)) {
      throw new IllegalArgumentException("penalty " + l2);
    }
    int k = loss == BoostingLoss.SOFTMAX ? classes : 1;
    fit = rowsFitted(fit, k, width, seed);
    float[] center = new float[width];
    float[] scale = new float[width];
    for (int j = 0; j < width; j++) {
      double sum = 0;
      int present = 0;
      for (int i : fit) {
        float v = rows[i * width + j];
        if (!Float.isNaN(v)) {
          sum += v;
          present++;
        }
      }
      double mean = present == 0 ? 0 : sum / present;
      double squares = 0;
      for (int i : fit) {
        float v = rows[i * width + j];
        if (!Float.isNaN(v)) {
          squares += (v - mean) * (v - mean);
        }
      }
      double sd = present < 2 ? 0 : Math.sqrt(squares / present);
      center[j] = (float) mean;
      scale[j] = sd > 0 ? (float) (1 / sd) : 0f;
    }
    int n = fit.length;
    double[][] z = new double[n][];
    for (int r = 0; r < n; r++) {
      z[r] = standardised(rows, fit[r], center, scale);
    }
    double curvature = switch (loss) {
      case LOGISTIC -> 0.25;
      case SOFTMAX -> 0.5;
      case SQUARED -> 1.0;
    };
    double step = 1 / (curvature * largestEigenvalue(z, width) + l2);
    int w = width + 1;
    double[] current = new double[k * w];
    double[] previous = new double[k * w];
    double[] look = new double[k * w];
    double[] gradient = new double[k * w];
    double[] margin = new double[k];
    for (int it = 1; it <= STEPS; it++) {
      double momentum = (it - 1) / (double) (it + 2);
      for (int a = 0; a < look.length; a++) {
        look[a] = current[a] + momentum * (current[a] - previous[a]);
        gradient[a] = a % w < width ? l2 * look[a] : 0;
      }
      for (int r = 0; r < n; r++) {
        double[] x = z[r];
        for (int c = 0; c < k; c++) {
          double m = look[c * w + width];
          for (int j = 0; j < width; j++) {
            m += look[c * w + j] * x[j];
          }
          margin[c] = m;
        }
        residuals(loss, margin, target[fit[r]]);
        for (int c = 0; c < k; c++) {
          double g = margin[c] / n;
          if (g != 0) {
            for (int j = 0; j < width; j++) {
              gradient[c * w + j] += g * x[j];
            }
            gradient[c * w + width] += g;
          }
        }
      }
      System.arraycopy(current, 0, previous, 0, current.length);
      for (int a = 0; a < current.length; a++) {
        current[a] = look[a] - step * gradient[a];
      }
    }
    float[] weights = new float[current.length];
    for (int a = 0; a < weights.length; a++) {
      weights[a] = (float) current[a];
    }
    return new LinearModel(center, scale, weights, k);
  }

  /**
   * The fitting rows the model is fitted on: all of them, or a seeded sample of them in their
   * order when a gradient step over all would take more than {@link #STEP_BUDGET} multiply-adds
   * ({@code outputs} margins of {@code width} inputs and an intercept a row), at least 1,000.
   */
  static int[] rowsFitted(int[] fit, int outputs, int width, long seed) {
    int size = (int) Math.max(1000, STEP_BUDGET / ((long) outputs * (width + 1)));
    return fit.length <= size ? fit : TreeBooster.sortedSample(fit, size, new Random(seed));
  }

  /**
   * A bound on the largest eigenvalue of the second moment of the standardised inputs with the
   * intercept's constant 1 beside them, which bounds the mean loss's curvature (times 1/4 for
   * logistic, 1/2 for softmax, 1 for squared loss). The inputs are centred, so the constant is an
   * eigenvector of its own (eigenvalue 1); for the inputs, power iteration from a fixed start,
   * with a margin of half again, and never above the trace. The trace alone (an earlier bound) is
   * the width when inputs are independent, which made the step so short that 500 steps left the
   * weights of a hundred correlated summaries far from the optimum (docs/benchmarks.md, session 9).
   */
  static double largestEigenvalue(double[][] z, int width) {
    int n = z.length;
    double trace = 0;
    for (double[] row : z) {
      for (double v : row) {
        trace += v * v / n;
      }
    }
    double[] v = new double[width];
    for (int j = 0; j < width; j++) {
      v[j] = 1 + 0.01 * (j % 7);
    }
    double estimate = 0;
    for (int it = 0; it < 30 && width > 0; it++) {
      double norm = 0;
      for (double a : v) {
        norm += a * a;
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        break;
      }
      double[] next = new double[width];
      for (double[] row : z) {
        double dot = 0;
        for (int j = 0; j < width; j++) {
          dot += row[j] * v[j];
        }
        dot /= norm * n;
        for (int j = 0; j < width; j++) {
          next[j] += dot * row[j];
        }
      }
      double rayleigh = 0;
      for (int j = 0; j < width; j++) {
        rayleigh += next[j] * v[j] / norm;
      }
      estimate = Math.max(estimate, rayleigh);
      v = next;
    }
    return Math.max(1, Math.min(trace, 1.5 * estimate));
  }

  /** Turns the margins into the loss's derivative by each margin, in place. */
  private static void residuals(BoostingLoss loss, double[] margin, float target) {
    switch (loss) {
      case LOGISTIC -> margin[0] = 1 / (1 + Math.exp(-margin[0])) - target;
      case SQUARED -> margin[0] = margin[0] - target;
      case SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (double m : margin) {
          max = Math.max(max, m);
        }
        double sum = 0;
        for (int c = 0; c < margin.length; c++) {
          margin[c] = Math.exp(margin[c] - max);
          sum += margin[c];
        }
        for (int c = 0; c < margin.length; c++) {
          margin[c] = margin[c] / sum - (c == (int) target ? 1 : 0);
        }
      }
    }
  }

  private static double[] standardised(float[] rows, int row, float[] center, float[] scale) {
    int width = center.length;
    double[] x = new double[width];
    for (int j = 0; j < width; j++) {
      float v = rows[row * width + j];
      x[j] = Float.isNaN(v) ? 0 : (v - center[j]) * (double) scale[j];
    }
    return x;
  }

  /** The margins of {@code n} rows of {@code rows}, row-major {@code n x outputs()}. */
  public float[] predict(float[] rows, int n) {
    int width = center.length;
    int w = width + 1;
    float[] out = new float[n * outputs];
    for (int r = 0; r < n; r++) {
      double[] x = standardised(rows, r, center, scale);
      for (int c = 0; c < outputs; c++) {
        double m = weights[c * w + width];
        for (int j = 0; j < width; j++) {
          m += weights[c * w + j] * x[j];
        }
        out[r * outputs + c] = (float) m;
      }
    }
    return out;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(outputs);
    ModelFile.writeFloats(out, center);
    ModelFile.writeFloats(out, scale);
    ModelFile.writeFloats(out, weights);
  }

  static LinearModel read(DataInput in) throws IOException {
    int outputs = in.readInt();
    float[] center = ModelFile.readFloats(in);
    float[] scale = ModelFile.readFloats(in);
    float[] weights = ModelFile.readFloats(in);
    if (outputs < 1 || scale.length != center.length
        || weights.length != outputs * (center.length + 1)) {
      throw new IOException("a linear model of " + weights.length + " weights for " + outputs
          + " output(s) of " + center.length + " inputs");
    }
    return new LinearModel(center, scale, weights, outputs);
  }
}
