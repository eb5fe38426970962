package io.rowspace.engine.search;

/**
 * How a search sums dot products of float vectors: {@value #LANES} lanes, lane {@code l} a chain
 * of fused multiply-adds over elements {@code l, l + 8, l + 16, ...} of the first
 * {@code length - length % 8} elements, the lanes then added as
 * {@code ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))}, then the remaining elements one by
 * one. Every implementation sums in exactly this order, so every one gives the same bits: the
 * SIMD one of {@link #fastest()} where the JVM has the JDK's Vector API, {@link ScalarDotKernel}
 * elsewhere.
 */
interface DotKernel {
  /** Lanes of the sum; a 256-bit vector of floats, so the same on every x86-64 and ARM core. */
  int LANES = 8;

  /** The dot product of {@code a[aOffset ..]} and {@code b[bOffset ..]} over {@code length}. */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * The dot products of {@code query} with the two rows of {@code matrix} at {@code first} and
   * {@code first + length}, into {@code out[index]} and {@code out[index + 1]}: each query load
   * serves both rows, and each sum is summed as {@link #dot} sums it.
   */
  void dotPair(float[] query, float[] matrix, int first, int length, float[] out, int index);

  /** A name for reports: {@code vector-api} or {@code scalar}. */
  String name();

  /**
   * The SIMD kernel when the JVM was started with {@code --add-modules jdk.incubator.vector} (the
   * launcher does), else the scalar one; {@code -Drowspace.simd=false} asks for the scalar one.
   */
  static DotKernel fastest() {
    if (!Boolean.parseBoolean(System.getProperty("rowspace.simd", "true"))
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return new ScalarDotKernel();
    }
    try {
      return (DotKernel) Class.forName("io.rowspace.engine.search.VectorApiDotKernel")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return new ScalarDotKernel();
    }
  }
}
