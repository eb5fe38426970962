package io.rowspace.engine.nn;

/**
 * The element-wise arithmetic of inference over plain float arrays: layer normalisation, GELU,
 * attention within a row's tokens, softmax, sigmoid and L2 normalisation, each row computed on
 * its own, so a row's results do not depend on the rows beside it. Matrix products are
 * {@link MatrixKernel}'s.
 */
public final class FloatKernels {
  static final float SQRT_HALF = (float) Math.sqrt(0.5);

  private FloatKernels() {}

  /** The {@code n} values starting at {@code offset} of a flat vector, copied. */
  public static float[] vector(float[] flat, long offset, int n) {
    int from = Math.toIntExact(offset);
    return java.util.Arrays.copyOfRange(flat, from, from + n);
  }

  /** Partial sums a row's sum is split into: the lanes of a 256-bit vector of floats. */
  static final int LANES = 8;

  /**
   * Layer normalisation of {@code rows} rows of {@code d} values, with PyTorch's epsilon of 1e-5
   * and biased variance; {@code y} may be {@code x}. Mean and variance are float sums in a fixed
   * order that a SIMD kernel repeats lane by lane ({@link MatrixKernel#layerNorm}): value
   * {@code j < d - d % 8} goes to partial sum {@code j % 8}, each summed in ascending order, the
   * eight partial sums are added pairwise ({@link #laneSum}), then the last {@code d % 8} values
   * one by one; the variance sums the squared deviations from the float mean the same way, with
   * fused multiply-adds.
   */
  public static void layerNorm(float[] x, int offset, int rows, int d, float[] gain,
      float[] shift, float[] y, int yOffset) {
    int bound = d - d % LANES;
    float[] partial = new float[LANES];
    for (int r = 0; r < rows; r++) {
      int o = offset + r * d;
      java.util.Arrays.fill(partial, 0f);
      for (int j = 0; j < bound; j += LANES) {
        for (int l = 0; l < LANES; l++) {
          partial[l] += x[o + j + l];
        }
      }
      float sum = laneSum(partial);
      for (int j = bound; j < d; j++) {
        sum += x[o + j];
      }
      float mean = sum / d;
      java.util.Arrays.fill(partial, 0f);
      for (int j = 0; j < bound; j += LANES) {
        for (int l = 0; l < LANES; l++) {
          float c = x[o + j + l] - mean;
          partial[l] = Math.fma(c, c, partial[l]);
        }
      }
      float squares = laneSum(partial);
      for (int j = bound; j < d; j++) {
        float c = x[o + j] - mean;
        squares = Math.fma(c, c, squares);
      }
      float inv = inverseDeviation(squares, d);
      int yo = yOffset + r * d;
      for (int j = 0; j < d; j++) {
        y[yo + j] = (x[o + j] - mean) * inv * gain[j] + shift[j];
      }
    }
  }

  /** The eight partial sums of {@link #layerNorm}, added pairwise in a fixed order. */
  static float laneSum(float[] p) {
    return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
  }

  /** {@code 1 / sqrt(squares / d + 1e-5)}, rounded once to float. */
  static float inverseDeviation(float squares, int d) {
    return (float) (1 / Math.sqrt((double) (squares / d) + 1e-5));
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

  /**
   * Multi-head self-attention within each row's tokens, qkv (b, t1, 3d) to mixed (b, t1, d):
   * every query token of every row and head through {@link #attend}.
   */
  static void attention(float[] qkv, int b, int t1, int d, int h, float[] mixed) {
    int dh = d / h;
    int stride = 3 * d;
    float scale = (float) (1 / Math.sqrt(dh));
    float[] scores = new float[t1];
    for (int r = 0; r < b; r++) {
      int rowBase = r * t1;
      for (int head = 0; head < h; head++) {
        int keys = rowBase * stride + d + head * dh;
        for (int i = 0; i < t1; i++) {
          attend(qkv, (rowBase + i) * stride + head * dh, qkv, keys, keys + d, stride, t1, dh,
              scale, scores, mixed, (rowBase + i) * d + head * dh);
        }
      }
    }
  }

  /**
   * The attention of one query token in one head, fused: its scores against the row's {@code t1}
   * keys, their softmax and the weighted sum of the values, written to {@code mixed} at
   * {@code o}, with no array but the {@code t1} scores. Sums are chains of fused multiply-adds in
   * a fixed order, so a row's bits depend neither on the batch nor on which of its queries are
   * computed.
   *
   * @param q the query's {@code dh} values start at {@code qAt}
   * @param kv key {@code j}'s values start at {@code kAt + j * stride}, value {@code j}'s at
   *     {@code vAt + j * stride}
   */
  static void attend(float[] q, int qAt, float[] kv, int kAt, int vAt, int stride,
      int t1, int dh, float scale, float[] scores, float[] mixed, int o) {
    // Four keys at a time: four independent chains of fused multiply-adds keep the FMA units
    // busy; each score is still summed over m in order, whatever its neighbours.
    int j = 0;
    for (; j + 4 <= t1; j += 4) {
      int k0 = kAt + j * stride;
      int k1 = k0 + stride;
      int k2 = k1 + stride;
      int k3 = k2 + stride;
      float dot0 = 0;
      float dot1 = 0;
      float dot2 = 0;
      float dot3 = 0;
      for (int m = 0; m < dh; m++) {
        float a = q[qAt + m];
        dot0 = Math.fma(a, kv[k0 + m], dot0);
        dot1 = Math.fma(a, kv[k1 + m], dot1);
        dot2 = Math.fma(a, kv[k2 + m], dot2);
        dot3 = Math.fma(a, kv[k3 + m], dot3);
      }
      scores[j] = dot0 * scale;
      scores[j + 1] = dot1 * scale;
      scores[j + 2] = dot2 * scale;
      scores[j + 3] = dot3 * scale;
    }
    for (; j < t1; j++) {
      int k = kAt + j * stride;
      float dot = 0;
      for (int m = 0; m < dh; m++) {
        dot = Math.fma(q[qAt + m], kv[k + m], dot);
      }
      scores[j] = dot * scale;
    }
    float max = Float.NEGATIVE_INFINITY;
    for (j = 0; j < t1; j++) {
      max = Math.max(max, scores[j]);
    }
    float sum = 0;
    for (j = 0; j < t1; j++) {
      float e = exp(scores[j] - max);
      scores[j] = e;
      sum += e;
    }
    for (int m = 0; m < dh; m++) {
      mixed[o + m] = 0f;
    }
    for (j = 0; j < t1; j++) {
      float p = scores[j] / sum;
      int v = vAt + j * stride;
      for (int m = 0; m < dh; m++) {
        mixed[o + m] = Math.fma(p, kv[v + m], mixed[o + m]);
      }
    }
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
