package io.rowspace.engine.nn;

/**
 * The products of {@link MatrixKernel} element by element with {@link Math#fma}, in the kernel's
 * order, so the bits equal the SIMD kernel's. Four rows share each weight read, as in the SIMD
 * tile. Also computes, for both kernels, the columns of a last panel narrower than
 * {@link MatrixKernel#PANEL}.
 */
final class ScalarMatrixKernel implements MatrixKernel {

  @Override public void linear(float[] x, int xOffset, int xStride, int rows, PackedMatrix w,
      float[] bias, float[] y, int yOffset, int yStride) {
    int in = w.in();
    int full = w.out() / PANEL;
    float[] panels = w.panels();
    float[] acc = new float[ROWS * PANEL];
    for (int q = 0; q < full; q++) {
      int base = q * in * PANEL;
      int j0 = q * PANEL;
      int r = 0;
      for (; r + ROWS <= rows; r += ROWS) {
        java.util.Arrays.fill(acc, 0f);
        int x0 = xOffset + r * xStride;
        for (int k = 0; k < in; k++) {
          float a0 = x[x0 + k];
          float a1 = x[x0 + xStride + k];
          float a2 = x[x0 + 2 * xStride + k];
          float a3 = x[x0 + 3 * xStride + k];
          int wk = base + k * PANEL;
          for (int c = 0; c < PANEL; c++) {
            float v = panels[wk + c];
            acc[c] = Math.fma(a0, v, acc[c]);
            acc[PANEL + c] = Math.fma(a1, v, acc[PANEL + c]);
            acc[2 * PANEL + c] = Math.fma(a2, v, acc[2 * PANEL + c]);
            acc[3 * PANEL + c] = Math.fma(a3, v, acc[3 * PANEL + c]);
          }
        }
        for (int i = 0; i < ROWS; i++) {
          store(acc, i * PANEL, bias, j0, y, yOffset + (r + i) * yStride + j0, PANEL);
        }
      }
      for (; r < rows; r++) {
        java.util.Arrays.fill(acc, 0, PANEL, 0f);
        int x0 = xOffset + r * xStride;
        for (int k = 0; k < in; k++) {
          float a = x[x0 + k];
          int wk = base + k * PANEL;
          for (int c = 0; c < PANEL; c++) {
            acc[c] = Math.fma(a, panels[wk + c], acc[c]);
          }
        }
        store(acc, 0, bias, j0, y, yOffset + r * yStride + j0, PANEL);
      }
    }
    lastPanel(x, xOffset, xStride, rows, w, bias, y, yOffset, yStride);
  }

  /** The columns of the last panel when it is narrower than a full one (both kernels). */
  static void lastPanel(float[] x, int xOffset, int xStride, int rows, PackedMatrix w,
      float[] bias, float[] y, int yOffset, int yStride) {
    int in = w.in();
    int q = w.out() / PANEL;
    int width = w.out() - q * PANEL;
    if (width == 0) {
      return;
    }
    float[] panels = w.panels();
    int base = q * in * PANEL;
    int j0 = q * PANEL;
    float[] acc = new float[width];
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(acc, 0f);
      int x0 = xOffset + r * xStride;
      for (int k = 0; k < in; k++) {
        float a = x[x0 + k];
        int wk = base + k * PANEL;
        for (int c = 0; c < width; c++) {
          acc[c] = Math.fma(a, panels[wk + c], acc[c]);
        }
      }
      store(acc, 0, bias, j0, y, yOffset + r * yStride + j0, width);
    }
  }

  private static void store(float[] acc, int from, float[] bias, int j0, float[] y, int to,
      int n) {
    for (int c = 0; c < n; c++) {
      y[to + c] = bias == null ? acc[from + c] : acc[from + c] + bias[j0 + c];
    }
  }

  @Override public void gelu(float[] x, int from, int to) {
    FloatKernels.gelu(x, from, to);
  }

  @Override public void attention(float[] q, int qAt, int qStride, int queries, float[] kv,
      int kAt, int vAt, int kvStride, int keys, int dh, float scale, float[] mixed, int oAt,
      int oStride) {
    float[] scores = new float[keys];
    for (int i = 0; i < queries; i++) {
      attend(q, qAt + i * qStride, kv, kAt, vAt, kvStride, keys, dh, scale, scores, mixed,
          oAt + i * oStride);
    }
  }

  /** One query of {@link #attention}, with its {@code t1} scores in {@code scores}. */
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
      float e = FloatKernels.exp(scores[j] - max);
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


  @Override public String name() {
    return "scalar";
  }
}
