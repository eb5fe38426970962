package io.rowspace.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD and the scalar matrix kernels sum every output in the same order, so inference gives
 * the same bits in a JVM with the Vector API and in one without, whatever the sizes (tails of
 * rows, of panels and of vectors included); a row's outputs are the same alone or in a batch;
 * both compute the product; and their GELU, layer normalisation and attention give the same
 * bits (alone or in a batch) and the functions to float precision.
 */
class MatrixKernelTest {
  private static final MatrixKernel SCALAR = new ScalarMatrixKernel();
  private static final int[] INPUTS = {1, 3, 7, 8, 9, 17, 48};
  private static final int[] OUTPUTS = {1, 2, 5, 8, 15, 16, 17, 24, 33, 48, 144};
  private static final int[] ROWS = {1, 2, 3, 4, 5, 7, 9, 13};

  @Test
  void theTestsRunWithTheVectorApiKernel() {
    // surefire starts the JVM with --add-modules jdk.incubator.vector, as the launcher does
    assertEquals("vector-api", MatrixKernel.fastest().name());
  }

  @Test
  void theScalarKernelIsChosenWhenSimdIsTurnedOff() {
    String before = System.getProperty("rowspace.simd");
    System.setProperty("rowspace.simd", "false");
    try {
      assertEquals("scalar", MatrixKernel.fastest().name());
    } finally {
      if (before == null) {
        System.clearProperty("rowspace.simd");
      } else {
        System.setProperty("rowspace.simd", before);
      }
    }
  }

  @Test
  void bothKernelsGiveTheSameBitsForEveryShape() {
    MatrixKernel simd = MatrixKernel.fastest();
    Random random = new Random(23);
    for (int in : INPUTS) {
      for (int out : OUTPUTS) {
        PackedMatrix w = PackedMatrix.of(gaussian(random, in * out + 3), 3, in, out);
        float[] bias = gaussian(random, out);
        for (int rows : ROWS) {
          // rows of x at a stride wider than the inputs, from an offset, as attention's do
          int stride = in + 2;
          float[] x = gaussian(random, 1 + rows * stride);
          for (float[] b : new float[][] {bias, null}) {
            float[] ys = new float[5 + rows * (out + 1)];
            float[] yv = new float[ys.length];
            SCALAR.linear(x, 1, stride, rows, w, b, ys, 5, out + 1);
            simd.linear(x, 1, stride, rows, w, b, yv, 5, out + 1);
            for (int i = 0; i < ys.length; i++) {
              assertEquals(Float.floatToIntBits(ys[i]), Float.floatToIntBits(yv[i]),
                  in + " x " + out + ", " + rows + " rows, element " + i);
            }
          }
        }
      }
    }
  }

  @Test
  void aRowGetsTheSameBitsAloneAsInABatch() {
    Random random = new Random(5);
    for (MatrixKernel kernel : new MatrixKernel[] {SCALAR, MatrixKernel.fastest()}) {
      int in = 17;
      int out = 33;
      int rows = 11;
      PackedMatrix w = PackedMatrix.of(gaussian(random, in * out), 0, in, out);
      float[] bias = gaussian(random, out);
      float[] x = gaussian(random, rows * in);
      float[] all = new float[rows * out];
      kernel.linear(x, 0, in, rows, w, bias, all, 0, out);
      for (int r = 0; r < rows; r++) {
        float[] one = new float[out];
        kernel.linear(x, r * in, in, 1, w, bias, one, 0, out);
        for (int j = 0; j < out; j++) {
          assertEquals(Float.floatToIntBits(all[r * out + j]), Float.floatToIntBits(one[j]),
              kernel.name() + ": row " + r + ", column " + j);
        }
      }
    }
  }

  @Test
  void theOutputIsTheProductPlusTheBias() {
    Random random = new Random(9);
    for (MatrixKernel kernel : new MatrixKernel[] {SCALAR, MatrixKernel.fastest()}) {
      for (int in : INPUTS) {
        for (int out : OUTPUTS) {
          int rows = 6;
          float[] flat = gaussian(random, in * out);
          float[] bias = gaussian(random, out);
          float[] x = gaussian(random, rows * in);
          float[] y = new float[rows * out];
          kernel.linear(x, 0, in, rows, PackedMatrix.of(flat, 0, in, out), bias, y, 0, out);
          for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
              double exact = bias[j];
              double magnitude = Math.abs(bias[j]);
              for (int k = 0; k < in; k++) {
                exact += (double) x[r * in + k] * flat[k * out + j];
                magnitude += Math.abs((double) x[r * in + k] * flat[k * out + j]);
              }
              double got = y[r * out + j];
              assertTrue(Math.abs(got - exact) <= 1e-6 * magnitude + 1e-7,
                  kernel.name() + " " + in + " x " + out + ": " + got + " vs " + exact);
            }
          }
        }
      }
    }
  }

  @Test
  void bothKernelsGiveGeluTheSameBits() {
    MatrixKernel simd = MatrixKernel.fastest();
    Random random = new Random(31);
    for (int n = 0; n <= 70; n++) {
      float[] x = new float[n + 3];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextGaussian() * (i % 3 == 0 ? 6 : 1.5));
      }
      if (n > 4) {
        x[1] = 0f;
        x[2] = -0f;
        x[3] = -30f;
        x[4] = 25f;
      }
      float[] s = x.clone();
      float[] v = x.clone();
      SCALAR.gelu(s, 1, 1 + n);
      simd.gelu(v, 1, 1 + n);
      for (int i = 0; i < x.length; i++) {
        assertEquals(Float.floatToIntBits(s[i]), Float.floatToIntBits(v[i]),
            "n " + n + ", element " + i + " of " + x[i]);
      }
    }
  }

  @Test
  void geluAndExpAreAccurate() {
    for (float v = -12f; v <= 12f; v += 0.0137f) {
      double exact = 0.5 * v * (1 + erf(v / Math.sqrt(2)));
      float got = FloatKernels.geluOf(v);
      assertTrue(Math.abs(got - exact) <= 1e-6 * Math.max(1, Math.abs(v)),
          "gelu(" + v + ") = " + got + ", not " + exact);
    }
    for (float x = -87f; x <= 88f; x += 0.0123f) {
      double exact = Math.exp(x);
      float got = FloatKernels.exp(x);
      assertTrue(Math.abs(got - exact) <= 3 * Math.ulp((float) exact),
          "exp(" + x + ") = " + got + ", not " + exact);
    }
  }

  private static final int[] WIDTHS = {1, 3, 7, 8, 9, 16, 17, 32, 48, 50, 192};

  @Test
  void bothKernelsGiveLayerNormTheSameBitsAloneAndInABatch() {
    MatrixKernel simd = MatrixKernel.fastest();
    Random random = new Random(41);
    int rows = 5;
    for (int d : WIDTHS) {
      // an offset mean and a spread of scales, as the residual stream has
      float[] x = new float[2 + rows * d];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (3 + random.nextGaussian() * (i % 5 == 0 ? 4 : 0.5));
      }
      float[] gain = gaussian(random, d);
      float[] shift = gaussian(random, d);
      float[] ys = new float[1 + rows * d];
      float[] yv = new float[ys.length];
      SCALAR.layerNorm(x, 2, rows, d, gain, shift, ys, 1);
      simd.layerNorm(x, 2, rows, d, gain, shift, yv, 1);
      for (int i = 0; i < ys.length; i++) {
        assertEquals(Float.floatToIntBits(ys[i]), Float.floatToIntBits(yv[i]),
            "d " + d + ", element " + i);
      }
      for (int r = 0; r < rows; r++) {
        float[] alone = java.util.Arrays.copyOfRange(x, 2 + r * d, 2 + (r + 1) * d);
        simd.layerNorm(alone, 0, 1, d, gain, shift, alone, 0);
        for (int j = 0; j < d; j++) {
          assertEquals(Float.floatToIntBits(ys[1 + r * d + j]), Float.floatToIntBits(alone[j]),
              "d " + d + ": row " + r + " alone and in place, element " + j);
        }
      }
    }
  }

  @Test
  void layerNormIsAccurate() {
    Random random = new Random(43);
    for (int d : WIDTHS) {
      float[] x = new float[d];
      for (int j = 0; j < d; j++) {
        x[j] = (float) (20 + random.nextGaussian() * 2);
      }
      float[] gain = gaussian(random, d);
      float[] shift = gaussian(random, d);
      double mean = 0;
      for (float v : x) {
        mean += v;
      }
      mean /= d;
      double variance = 0;
      for (float v : x) {
        variance += (v - mean) * (v - mean);
      }
      double inv = 1 / Math.sqrt(variance / d + 1e-5);
      for (MatrixKernel kernel : new MatrixKernel[] {SCALAR, MatrixKernel.fastest()}) {
        float[] y = new float[d];
        kernel.layerNorm(x, 0, 1, d, gain, shift, y, 0);
        for (int j = 0; j < d; j++) {
          double normed = (x[j] - mean) * inv;
          double exact = normed * gain[j] + shift[j];
          // the float mean is off by a few units in the last place of 20, scaled by 1 / 2
          double tolerance = 2e-6 * (Math.abs(gain[j]) * (1 + Math.abs(normed)))
              + 1e-6 * Math.abs(shift[j]);
          assertTrue(Math.abs(y[j] - exact) <= tolerance,
              kernel.name() + " d " + d + ", element " + j + ": " + y[j] + " vs " + exact);
        }
      }
    }
  }

  @Test
  void bothKernelsGiveAttentionTheSameBitsAloneAndInABatch() {
    MatrixKernel simd = MatrixKernel.fastest();
    Random random = new Random(47);
    int[][] shapes = {{48, 4}, {32, 4}, {192, 4}, {12, 1}, {10, 2}, {6, 3}};
    for (int[] shape : shapes) {
      int d = shape[0];
      int heads = shape[1];
      for (int t1 : new int[] {1, 2, 7, 8, 9, 11, 16, 17, 25}) {
        int b = 3;
        float[] qkv = new float[b * t1 * 3 * d];
        for (int i = 0; i < qkv.length; i++) {
          qkv[i] = (float) (random.nextGaussian() * (i % 7 == 0 ? 3 : 1));
        }
        float[] ms = new float[b * t1 * d];
        float[] mv = new float[ms.length];
        SCALAR.attention(qkv, b, t1, d, heads, ms);
        simd.attention(qkv, b, t1, d, heads, mv);
        for (int i = 0; i < ms.length; i++) {
          assertEquals(Float.floatToIntBits(ms[i]), Float.floatToIntBits(mv[i]),
              "d " + d + ", " + heads + " heads, " + t1 + " tokens, element " + i);
        }
        for (int r = 0; r < b; r++) {
          float[] one = java.util.Arrays.copyOfRange(qkv, r * t1 * 3 * d, (r + 1) * t1 * 3 * d);
          float[] alone = new float[t1 * d];
          simd.attention(one, 1, t1, d, heads, alone);
          for (int i = 0; i < alone.length; i++) {
            assertEquals(Float.floatToIntBits(ms[r * t1 * d + i]), Float.floatToIntBits(alone[i]),
                "d " + d + ", " + t1 + " tokens: row " + r + " alone, element " + i);
          }
        }
      }
    }
  }

  @Test
  void attentionIsTheSoftmaxWeightedSumOfValues() {
    Random random = new Random(53);
    int d = 48;
    int heads = 4;
    int dh = d / heads;
    int t1 = 11;
    float[] qkv = gaussian(random, t1 * 3 * d);
    for (MatrixKernel kernel : new MatrixKernel[] {SCALAR, MatrixKernel.fastest()}) {
      float[] mixed = new float[t1 * d];
      kernel.attention(qkv, 1, t1, d, heads, mixed);
      for (int head = 0; head < heads; head++) {
        for (int i = 0; i < t1; i++) {
          double[] p = new double[t1];
          double total = 0;
          for (int j = 0; j < t1; j++) {
            double dot = 0;
            for (int m = 0; m < dh; m++) {
              dot += (double) qkv[i * 3 * d + head * dh + m] * qkv[j * 3 * d + d + head * dh + m];
            }
            p[j] = Math.exp(dot / Math.sqrt(dh));
            total += p[j];
          }
          for (int m = 0; m < dh; m++) {
            double exact = 0;
            for (int j = 0; j < t1; j++) {
              exact += p[j] / total * qkv[j * 3 * d + 2 * d + head * dh + m];
            }
            float got = mixed[i * d + head * dh + m];
            assertTrue(Math.abs(got - exact) <= 1e-5,
                kernel.name() + " head " + head + ", query " + i + ": " + got + " vs " + exact);
          }
        }
      }
    }
  }

  /** erf by Simpson's rule over 20,000 intervals: exact to double rounding for these ranges. */
  private static double erf(double x) {
    int n = 20_000;
    double h = x / n;
    double sum = 1 + Math.exp(-x * x);
    for (int i = 1; i < n; i++) {
      double t = i * h;
      sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
    }
    return 2 / Math.sqrt(Math.PI) * sum * h / 3;
  }

  private static float[] gaussian(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
