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

  @Override public void layerNorm(float[] x, int offset, int rows, int d, float[] gain,
      float[] shift, float[] y, int yOffset) {
    FloatKernels.layerNorm(x, offset, rows, d, gain, shift, y, yOffset);
  }

  @Override public void attention(float[] qkv, int b, int t1, int d, int heads, float[] mixed) {
    FloatKernels.attention(qkv, b, t1, d, heads, mixed);
  }

  @Override public String name() {
    return "scalar";
  }
}
