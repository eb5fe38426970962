package io.rowspace.engine.nn;

import java.util.Arrays;

/**
 * The arithmetic of inference over plain float arrays: matrix products, layer normalisation,
 * GELU, softmax and sigmoid, written so HotSpot's C2 compiler turns the inner loops into SIMD
 * instructions without any JVM flag.
 *
 * <p>A matrix product is a sum of scaled weight rows ({@code y += x[k] * W[k, :]}) into an
 * accumulator at offset 0, over weight rows that are arrays of their own ({@link Matrix}): C2 only
 * vectorises a loop whose arrays it can tell apart, and two offsets into one array, or into two
 * arrays that might be one, defeat it. Four input rows share each weight row, so a weight is read
 * once per four rows.
 *
 * <p>Every output element is summed in the same order (over the input index, ascending) whichever
 * block of four its row falls in, so a row's results do not depend on the rows beside it: a batch
 * gives the same bits as its rows one at a time.
 */
public final class FloatKernels {
  private static final float SQRT_HALF = (float) Math.sqrt(0.5);

  private FloatKernels() {}

  /**
   * A weight matrix of {@code in x out} values prepared for {@link #linear}: one array per input
   * row.
   */
  public record Matrix(float[][] rows, int in, int out) {
    /** The {@code in x out} row-major matrix starting at {@code offset} of a flat vector. */
    public static Matrix of(float[] flat, long offset, int in, int out) {
      float[][] rows = new float[in][];
      for (int k = 0; k < in; k++) {
        int from = Math.toIntExact(offset + (long) k * out);
        rows[k] = Arrays.copyOfRange(flat, from, from + out);
      }
      return new Matrix(rows, in, out);
    }
  }

  /** The {@code n} values starting at {@code offset} of a flat vector, copied. */
  public static float[] vector(float[] flat, long offset, int n) {
    int from = Math.toIntExact(offset);
    return Arrays.copyOfRange(flat, from, from + n);
  }

  /**
   * {@code y = x W + bias} for {@code rows} rows: row {@code r} of x starts at
   * {@code xOffset + r * xStride}, row r of y at {@code yOffset + r * w.out()}.
   *
   * @param bias {@code w.out()} values added after the product, or null
   */
  public static void linear(float[] x, int xOffset, int xStride, int rows, Matrix w,
      float[] bias, float[] y, int yOffset) {
    int in = w.in();
    int out = w.out();
    float[][] wr = w.rows();
    float[] t0 = new float[out];
    float[] t1 = new float[out];
    float[] t2 = new float[out];
    float[] t3 = new float[out];
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      Arrays.fill(t0, 0f);
      Arrays.fill(t1, 0f);
      Arrays.fill(t2, 0f);
      Arrays.fill(t3, 0f);
      int x0 = xOffset + r * xStride;
      int x1 = x0 + xStride;
      int x2 = x1 + xStride;
      int x3 = x2 + xStride;
      for (int k = 0; k < in; k++) {
        accumulate4(x[x0 + k], x[x1 + k], x[x2 + k], x[x3 + k], wr[k], t0, t1, t2, t3, out);
      }
      store(t0, bias, y, yOffset + r * out, out);
      store(t1, bias, y, yOffset + (r + 1) * out, out);
      store(t2, bias, y, yOffset + (r + 2) * out, out);
      store(t3, bias, y, yOffset + (r + 3) * out, out);
    }
    for (; r < rows; r++) {
      Arrays.fill(t0, 0f);
      int x0 = xOffset + r * xStride;
      for (int k = 0; k < in; k++) {
        accumulate1(x[x0 + k], wr[k], t0, out);
      }
      store(t0, bias, y, yOffset + r * out, out);
    }
  }

  private static void accumulate4(float a0, float a1, float a2, float a3, float[] w, float[] t0,
      float[] t1, float[] t2, float[] t3, int n) {
    for (int j = 0; j < n; j++) {
      float v = w[j];
      t0[j] += a0 * v;
      t1[j] += a1 * v;
      t2[j] += a2 * v;
      t3[j] += a3 * v;
    }
  }

  private static void accumulate1(float a, float[] w, float[] t, int n) {
    for (int j = 0; j < n; j++) {
      t[j] += a * w[j];
    }
  }

  private static void store(float[] t, float[] bias, float[] y, int offset, int n) {
    if (bias != null) {
      for (int j = 0; j < n; j++) {
        t[j] += bias[j];
      }
    }
    System.arraycopy(t, 0, y, offset, n);
  }

  /**
   * Layer normalisation of {@code rows} rows of {@code d} values in place, with PyTorch's
   * epsilon of 1e-5 and biased variance; mean and variance are summed in double.
   */
  public static void layerNorm(float[] x, int offset, int rows, int d, float[] gain,
      float[] shift, float[] y, int yOffset) {
    for (int r = 0; r < rows; r++) {
      int o = offset + r * d;
      double sum = 0;
      for (int j = 0; j < d; j++) {
        sum += x[o + j];
      }
      double mean = sum / d;
      double squares = 0;
      for (int j = 0; j < d; j++) {
        double c = x[o + j] - mean;
        squares += c * c;
      }
      float inv = (float) (1 / Math.sqrt(squares / d + 1e-5));
      float m = (float) mean;
      int yo = yOffset + r * d;
      for (int j = 0; j < d; j++) {
        y[yo + j] = (x[o + j] - m) * inv * gain[j] + shift[j];
      }
    }
  }

  /** The exact (erf) Gaussian error linear unit, in place over {@code [from, to)}. */
  public static void gelu(float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      float v = x[i];
      x[i] = 0.5f * v * (1f + erf(v * SQRT_HALF));
    }
  }

  /**
   * The error function to within 1.2e-7 (Numerical Recipes' {@code erfc} by Chebyshev fit,
   * evaluated in double): below a float's resolution near 1, the values GELU needs.
   */
  static float erf(float x) {
    double z = Math.abs((double) x);
    double t = 1 / (1 + 0.5 * z);
    double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
        + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
        + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    double erf = 1 - ans;
    return (float) (x >= 0 ? erf : -erf);
  }

  /** Softmax in place over {@code n} values starting at {@code offset}. */
  public static void softmax(float[] x, int offset, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, x[offset + j]);
    }
    float sum = 0;
    for (int j = 0; j < n; j++) {
      float e = (float) Math.exp(x[offset + j] - max);
      x[offset + j] = e;
      sum += e;
    }
    for (int j = 0; j < n; j++) {
      x[offset + j] /= sum;
    }
  }

  /** The logistic function. */
  public static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-(double) x)));
  }

  /** Scales each of {@code rows} rows of {@code d} values to unit length, as l2normalise does. */
  public static void l2normalise(float[] x, int offset, int rows, int d) {
    for (int r = 0; r < rows; r++) {
      int o = offset + r * d;
      float squares = 0;
      for (int j = 0; j < d; j++) {
        squares += x[o + j] * x[o + j];
      }
      float norm = (float) Math.sqrt(squares + 1e-12f);
      for (int j = 0; j < d; j++) {
        x[o + j] /= norm;
      }
    }
  }
}
