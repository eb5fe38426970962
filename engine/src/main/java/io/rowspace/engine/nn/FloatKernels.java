package io.rowspace.engine.nn;

/**
 * The element-wise arithmetic of inference over plain float arrays: layer normalisation, GELU,
 * softmax, sigmoid and L2 normalisation, each row computed on its own, so a row's results do not
 * depend on the rows beside it. Matrix products are {@link MatrixKernel}'s.
 */
public final class FloatKernels {
  static final float SQRT_HALF = (float) Math.sqrt(0.5);

  private FloatKernels() {}

  /** The {@code n} values starting at {@code offset} of a flat vector, copied. */
  public static float[] vector(float[] flat, long offset, int n) {
    int from = Math.toIntExact(offset);
    return java.util.Arrays.copyOfRange(flat, from, from + n);
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

  /**
   * The exact (erf) Gaussian error linear unit, in place over {@code [from, to)}:
   * {@code 0.5 v (1 + erf(v / sqrt 2))}, with {@code 1 + erf} computed as {@code 2 - erfc} or
   * {@code erfc} by sign. Every operation is one IEEE float operation ({@link #geluOf}), so the
   * SIMD kernel repeats it lane by lane to the same bits.
   */
  public static void gelu(float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      x[i] = geluOf(x[i]);
    }
  }

  /** Numerical Recipes' {@code erfc} coefficients (Chebyshev fit, fractional error < 1.2e-7). */
  static final float[] ERFC = {0.17087277f, -0.82215223f, 1.48851587f, -1.13520398f,
      0.27886807f, -0.18628806f, 0.09678418f, 0.37409196f, 1.00002368f, -1.26551223f};

  /** {@link #gelu} of one value. */
  static float geluOf(float v) {
    float z = Math.abs(v * SQRT_HALF);
    float t = 1f / Math.fma(0.5f, z, 1f);
    float p = ERFC[0];
    for (int i = 1; i < ERFC.length; i++) {
      p = Math.fma(p, t, ERFC[i]);
    }
    float erfc = t * exp(Math.fma(-z, z, p));
    return 0.5f * v * (v >= 0 ? 2f - erfc : erfc);
  }

  /** Below this, {@link #exp} gives the value at it (about 1.6e-38): a normal float. */
  static final float EXP_FLOOR = -87f;
  static final float LOG2E = 1.44269504f;
  /** 1.5 * 2^23: added and subtracted, it rounds a float of magnitude below 2^22 to an integer. */
  static final float ROUNDING = 12582912f;
  static final float LN2_HIGH = 0.693359375f;
  static final float LN2_LOW = -2.12194440e-4f;
  /** Taylor coefficients of e^r, highest first: 1/7!, 1/6!, ..., 1, 1. */
  static final float[] EXP = {1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 0.5f, 1f, 1f};

  /**
   * e^x in float for {@code x <= 88} to about one unit in the last place (values below
   * {@link #EXP_FLOOR} give e^-87): {@code x = k ln 2 + r}, a polynomial in {@code r}, scaled by
   * {@code 2^k}. Plain IEEE float operations, so the SIMD kernel gives the same bits.
   */
  public static float exp(float x) {
    float y = Math.max(x, EXP_FLOOR);
    float k = Math.fma(y, LOG2E, ROUNDING) - ROUNDING;
    float r = Math.fma(k, -LN2_HIGH, y);
    r = Math.fma(k, -LN2_LOW, r);
    float p = EXP[0];
    for (int i = 1; i < EXP.length; i++) {
      p = Math.fma(p, r, EXP[i]);
    }
    return p * Float.intBitsToFloat(((int) k + 127) << 23);
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
