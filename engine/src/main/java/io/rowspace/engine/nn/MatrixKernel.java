package io.rowspace.engine.nn;

/**
 * How inference multiplies rows by a weight matrix ({@code y = x W + bias}), applies GELU to the
 * products and normalises rows (layer normalisation). Every output {@code y[r, j]} of a product
 * is a chain of fused multiply-adds over the input index, ascending, from zero
 * ({@code acc = fma(x[r, k], W[k, j], acc)}), then the bias added once. Every implementation
 * sums in exactly this order (and normalises in {@link FloatKernels#layerNorm}'s), so every one
 * gives the same bits, and a row's outputs never depend on the rows beside it (a batch gives the
 * same bits as its rows one at a time): the SIMD one of {@link #fastest()} where the JVM has the
 * JDK's Vector API, {@link ScalarMatrixKernel} elsewhere.
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

  /**
   * Layer normalisation of {@code rows} rows of {@code d} values into {@code y} (which may be
   * {@code x}), to the bits of {@link FloatKernels#layerNorm}: the SIMD kernel keeps its eight
   * partial sums in the lanes of one vector and normalises eight values at once.
   */
  void layerNorm(float[] x, int offset, int rows, int d, float[] gain, float[] shift, float[] y,
      int yOffset);

  /**
   * Multi-head self-attention within each of {@code b} rows of {@code t1} tokens, qkv
   * (b, t1, 3d) to mixed (b, t1, d), to the bits of {@link FloatKernels#attention} (every query's
   * scores, softmax and weighted values summed in its order): the SIMD kernel computes eight
   * queries of a row and head at once, a lane each.
   */
  void attention(float[] qkv, int b, int t1, int d, int heads, float[] mixed);

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
