package io.rowspace.engine.nn;

/**
 * How inference multiplies rows by a weight matrix ({@code y = x W + bias}) and applies GELU to
 * the products. Every output {@code y[r, j]} is a chain of fused multiply-adds over the input
 * index, ascending, from zero ({@code acc = fma(x[r, k], W[k, j], acc)}), then the bias added
 * once. Every implementation sums
 * in exactly this order, so every one gives the same bits, and a row's outputs never depend on
 * the rows beside it (a batch gives the same bits as its rows one at a time): the SIMD one of
 * {@link #fastest()} where the JVM has the JDK's Vector API, {@link ScalarMatrixKernel}
 * elsewhere.
 *
 * <p>The SIMD kernel holds a tile of {@link #ROWS} rows by {@link #PANEL} columns in vector
 * registers across the whole input index (a register-tiled product), reading each weight once per
 * tile; the weights are {@link PackedMatrix panels} of that width, made when the model is loaded.
 */
public interface MatrixKernel {
  /** Columns of a panel: two 256-bit vectors of floats. */
  int PANEL = 16;

  /** Rows of a tile. */
  int ROWS = 4;

  /**
   * {@code y = x W + bias} for {@code rows} rows: row {@code r} of x starts at
   * {@code xOffset + r * xStride}, row r of y at {@code yOffset + r * yStride}.
   *
   * @param bias {@code w.out()} values added after the product, or null
   */
  void linear(float[] x, int xOffset, int xStride, int rows, PackedMatrix w, float[] bias,
      float[] y, int yOffset, int yStride);

  /**
   * GELU in place over {@code [from, to)}, to the bits of {@link FloatKernels#gelu} (the SIMD
   * kernel computes eight values at once with the same float operations).
   */
  void gelu(float[] x, int from, int to);

  /** A name for reports: {@code vector-api} or {@code scalar}. */
  String name();

  /**
   * The SIMD kernel when the JVM was started with {@code --add-modules jdk.incubator.vector} (the
   * launcher does, unless {@code ROWSPACE_SIMD=off}), else the scalar one;
   * {@code -Drowspace.simd=false} asks for the scalar one.
   */
  static MatrixKernel fastest() {
    if (!Boolean.parseBoolean(System.getProperty("rowspace.simd", "true"))
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return new ScalarMatrixKernel();
    }
    try {
      return (MatrixKernel) Class.forName("io.rowspace.engine.nn.VectorApiMatrixKernel")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return new ScalarMatrixKernel();
    }
  }
}
