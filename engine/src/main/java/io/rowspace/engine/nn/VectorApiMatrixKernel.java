package io.rowspace.engine.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link MatrixKernel} through the JDK's Vector API (incubating in Java 17): a
 * tile of four rows by one panel (two 256-bit vectors of columns) kept in eight vector
 * accumulators across the input index, each lane a chain of fused multiply-adds in the kernel's
 * order. Loaded only when the JVM has module {@code jdk.incubator.vector}, and compiled apart from
 * the rest of the engine like {@code search.VectorApiDotKernel}: see the engine's pom.
 */
final class VectorApiMatrixKernel implements MatrixKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int HALF = PANEL / 2;
  /** The bits of {@link FloatKernels#ROUNDING}, 1.5 * 2^23, whose last mantissa bits are 0. */
  private static final int ROUNDING_BITS = Float.floatToRawIntBits(FloatKernels.ROUNDING);

  @Override public void linear(float[] x, int xOffset, int xStride, int rows, PackedMatrix w,
      float[] bias, float[] y, int yOffset, int yStride) {
    int in = w.in();
    int full = w.out() / PANEL;
    float[] panels = w.panels();
    for (int q = 0; q < full; q++) {
      int base = q * in * PANEL;
      int j0 = q * PANEL;
      FloatVector b0 = bias == null ? null : FloatVector.fromArray(SPECIES, bias, j0);
      FloatVector b1 = bias == null ? null : FloatVector.fromArray(SPECIES, bias, j0 + HALF);
      int r = 0;
      for (; r + ROWS <= rows; r += ROWS) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        int x0 = xOffset + r * xStride;
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        for (int k = 0; k < in; k++) {
          int wk = base + k * PANEL;
          FloatVector w0 = FloatVector.fromArray(SPECIES, panels, wk);
          FloatVector w1 = FloatVector.fromArray(SPECIES, panels, wk + HALF);
          FloatVector a = FloatVector.broadcast(SPECIES, x[x0 + k]);
          c00 = a.fma(w0, c00);
          c01 = a.fma(w1, c01);
          a = FloatVector.broadcast(SPECIES, x[x1 + k]);
          c10 = a.fma(w0, c10);
          c11 = a.fma(w1, c11);
          a = FloatVector.broadcast(SPECIES, x[x2 + k]);
          c20 = a.fma(w0, c20);
          c21 = a.fma(w1, c21);
          a = FloatVector.broadcast(SPECIES, x[x3 + k]);
          c30 = a.fma(w0, c30);
          c31 = a.fma(w1, c31);
        }
        int y0 = yOffset + r * yStride + j0;
        store(c00, c01, b0, b1, y, y0);
        store(c10, c11, b0, b1, y, y0 + yStride);
        store(c20, c21, b0, b1, y, y0 + 2 * yStride);
        store(c30, c31, b0, b1, y, y0 + 3 * yStride);
      }
      for (; r < rows; r++) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        int x0 = xOffset + r * xStride;
        for (int k = 0; k < in; k++) {
          int wk = base + k * PANEL;
          FloatVector a = FloatVector.broadcast(SPECIES, x[x0 + k]);
          c0 = a.fma(FloatVector.fromArray(SPECIES, panels, wk), c0);
          c1 = a.fma(FloatVector.fromArray(SPECIES, panels, wk + HALF), c1);
        }
        store(c0, c1, b0, b1, y, yOffset + r * yStride + j0);
      }
    }
    ScalarMatrixKernel.lastPanel(x, xOffset, xStride, rows, w, bias, y, yOffset, yStride);
  }

  private static void store(FloatVector c0, FloatVector c1, FloatVector b0, FloatVector b1,
      float[] y, int to) {
    if (b0 == null) {
      c0.intoArray(y, to);
      c1.intoArray(y, to + HALF);
    } else {
      c0.add(b0).intoArray(y, to);
      c1.add(b1).intoArray(y, to + HALF);
    }
  }

  /** {@link FloatKernels#geluOf} lane by lane: the same float operations in the same order. */
  @Override public void gelu(float[] x, int from, int to) {
    int n = to - from;
    int bound = from + n - n % SPECIES.length();
    int i = from;
    for (; i < bound; i += SPECIES.length()) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, i);
      FloatVector z = v.mul(FloatKernels.SQRT_HALF).abs();
      FloatVector t = FloatVector.broadcast(SPECIES, 1f).div(z.fma(0.5f, 1f));
      FloatVector p = FloatVector.broadcast(SPECIES, FloatKernels.ERFC[0]);
      for (int c = 1; c < FloatKernels.ERFC.length; c++) {
        p = p.fma(t, FloatVector.broadcast(SPECIES, FloatKernels.ERFC[c]));
      }
      FloatVector erfc = t.mul(exp(z.neg().fma(z, p)));
      VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
      FloatVector factor = FloatVector.broadcast(SPECIES, 2f).sub(erfc).blend(erfc, negative);
      v.mul(0.5f).mul(factor).intoArray(x, i);
    }
    FloatKernels.gelu(x, i, to);
  }

  /**
   * {@link FloatKernels#layerNorm} with its eight partial sums in the lanes of one vector (lane
   * {@code l} sums values {@code l, l + 8, ...} in order, as the scalar kernel's partial sum
   * {@code l} does) and the normalisation eight values at a time.
   */
  @Override public void layerNorm(float[] x, int offset, int rows, int d, float[] gain,
      float[] shift, float[] y, int yOffset) {
    int lanes = SPECIES.length();
    int bound = d - d % lanes;
    float[] partial = new float[lanes];
    for (int r = 0; r < rows; r++) {
      int o = offset + r * d;
      FloatVector acc = FloatVector.zero(SPECIES);
      for (int j = 0; j < bound; j += lanes) {
        acc = acc.add(FloatVector.fromArray(SPECIES, x, o + j));
      }
      acc.intoArray(partial, 0);
      float sum = FloatKernels.laneSum(partial);
      for (int j = bound; j < d; j++) {
        sum += x[o + j];
      }
      float mean = sum / d;
      acc = FloatVector.zero(SPECIES);
      for (int j = 0; j < bound; j += lanes) {
        FloatVector c = FloatVector.fromArray(SPECIES, x, o + j).sub(mean);
        acc = c.fma(c, acc);
      }
      acc.intoArray(partial, 0);
      float squares = FloatKernels.laneSum(partial);
      for (int j = bound; j < d; j++) {
        float c = x[o + j] - mean;
        squares = Math.fma(c, c, squares);
      }
      float inv = FloatKernels.inverseDeviation(squares, d);
      int yo = yOffset + r * d;
      for (int j = 0; j < bound; j += lanes) {
        FloatVector.fromArray(SPECIES, x, o + j).sub(mean).mul(inv)
            .mul(FloatVector.fromArray(SPECIES, gain, j))
            .add(FloatVector.fromArray(SPECIES, shift, j)).intoArray(y, yo + j);
      }
      for (int j = bound; j < d; j++) {
        y[yo + j] = (x[o + j] - mean) * inv * gain[j] + shift[j];
      }
    }
  }

  /**
   * {@link FloatKernels#attention} eight queries at a time: for a row and head, the queries of
   * eight tokens are laid out a lane each ({@code dh} vectors), and each key's score, the
   * softmax and each value's weighted sum are computed for the eight at once, every lane's sums
   * in the scalar kernel's order (scores over the head's values ascending, exponentials and
   * weighted values over the keys ascending), so every query gets the scalar kernel's bits. The
   * last group of a row and head is padded with zero queries (at 11 tokens, 3 queries and 5 of
   * zeros: cheaper than the scalar code for the 3).
   */
  @Override public void attention(float[] qkv, int b, int t1, int d, int heads, float[] mixed) {
    int lanes = SPECIES.length();
    int dh = d / heads;
    int stride = 3 * d;
    float scale = (float) (1 / Math.sqrt(dh));
    float[] queries = new float[dh * lanes];
    float[] weights = new float[t1 * lanes];
    float[] sums = new float[dh * lanes];
    for (int r = 0; r < b; r++) {
      int rowBase = r * t1;
      for (int head = 0; head < heads; head++) {
        int keys = rowBase * stride + d + head * dh;
        for (int i = 0; i < t1; i += lanes) {
          // the last group of a row and head may hold fewer than eight queries: its other lanes
          // hold zeros, computed alongside and never written out (lanes do not mix)
          int count = Math.min(lanes, t1 - i);
          int first = (rowBase + i) * stride + head * dh;
          for (int l = 0; l < lanes; l++) {
            for (int m = 0; m < dh; m++) {
              queries[m * lanes + l] = l < count ? qkv[first + l * stride + m] : 0f;
            }
          }
          scores(queries, qkv, keys, stride, t1, dh, scale, weights);
          softmax(weights, t1);
          weighted(weights, qkv, keys + d, stride, t1, dh, sums);
          int o = (rowBase + i) * d + head * dh;
          for (int l = 0; l < count; l++) {
            for (int m = 0; m < dh; m++) {
              mixed[o + l * d + m] = sums[m * lanes + l];
            }
          }
        }
      }
    }
  }

  /** The scaled scores of eight queries (a lane each) against {@code t1} keys, key by key. */
  private static void scores(float[] queries, float[] kv, int kAt, int stride, int t1, int dh,
      float scale, float[] into) {
    int lanes = SPECIES.length();
    for (int j = 0; j < t1; j++) {
      int k = kAt + j * stride;
      FloatVector dot = FloatVector.zero(SPECIES);
      for (int m = 0; m < dh; m++) {
        dot = FloatVector.fromArray(SPECIES, queries, m * lanes)
            .fma(FloatVector.broadcast(SPECIES, kv[k + m]), dot);
      }
      dot.mul(scale).intoArray(into, j * lanes);
    }
  }

  /** Softmax over the keys of eight queries' scores (a lane each), in place. */
  private static void softmax(float[] scores, int t1) {
    int lanes = SPECIES.length();
    FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < t1; j++) {
      max = max.max(FloatVector.fromArray(SPECIES, scores, j * lanes));
    }
    FloatVector sum = FloatVector.zero(SPECIES);
    for (int j = 0; j < t1; j++) {
      FloatVector e = exp(FloatVector.fromArray(SPECIES, scores, j * lanes).sub(max));
      e.intoArray(scores, j * lanes);
      sum = sum.add(e);
    }
    for (int j = 0; j < t1; j++) {
      FloatVector.fromArray(SPECIES, scores, j * lanes).div(sum).intoArray(scores, j * lanes);
    }
  }

  /** Eight queries' (a lane each) weighted sums of the {@code t1} values, value by value. */
  private static void weighted(float[] weights, float[] kv, int vAt, int stride, int t1, int dh,
      float[] into) {
    int lanes = SPECIES.length();
    for (int m = 0; m < dh; m++) {
      FloatVector acc = FloatVector.zero(SPECIES);
      for (int j = 0; j < t1; j++) {
        acc = FloatVector.fromArray(SPECIES, weights, j * lanes)
            .fma(FloatVector.broadcast(SPECIES, kv[vAt + j * stride + m]), acc);
      }
      acc.intoArray(into, m * lanes);
    }
  }

  /**
   * {@link FloatKernels#exp} lane by lane. The integer {@code k} is read from the bits of the
   * rounded sum {@code t = y log2(e) + 1.5 * 2^23} ({@code k = bits(t) - bits(1.5 * 2^23)}, as
   * {@code t} lies in [2^23, 2^24) where floats are the integers): the same {@code k} as the
   * float-to-int conversion, which the JDK 17 compiler does not turn into a vector instruction
   * (it ran lane by lane in Java and took a sixth of a prediction's CPU).
   */
  private static FloatVector exp(FloatVector x) {
    FloatVector y = x.max(FloatKernels.EXP_FLOOR);
    FloatVector t = y.fma(FloatKernels.LOG2E, FloatKernels.ROUNDING);
    FloatVector k = t.sub(FloatKernels.ROUNDING);
    FloatVector r = k.fma(FloatVector.broadcast(SPECIES, -FloatKernels.LN2_HIGH), y);
    r = k.fma(FloatVector.broadcast(SPECIES, -FloatKernels.LN2_LOW), r);
    FloatVector p = FloatVector.broadcast(SPECIES, FloatKernels.EXP[0]);
    for (int c = 1; c < FloatKernels.EXP.length; c++) {
      p = p.fma(r, FloatVector.broadcast(SPECIES, FloatKernels.EXP[c]));
    }
    IntVector bits = t.reinterpretAsInts().add(127 - ROUNDING_BITS)
        .lanewise(VectorOperators.LSHL, 23);
    return p.mul(bits.reinterpretAsFloats());
  }

  @Override public String name() {
    return "vector-api";
  }
}
