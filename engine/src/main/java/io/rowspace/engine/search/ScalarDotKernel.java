package io.rowspace.engine.search;

/**
 * The dot products of {@link DotKernel} element by element: eight running sums of
 * {@link Math#fma}, added in the kernel's fixed order, so the bits equal the SIMD kernel's.
 */
final class ScalarDotKernel implements DotKernel {

  @Override public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int bound = length - length % LANES;
    for (int j = 0; j < bound; j += LANES) {
      int x = aOffset + j;
      int y = bOffset + j;
      s0 = Math.fma(a[x], b[y], s0);
      s1 = Math.fma(a[x + 1], b[y + 1], s1);
      s2 = Math.fma(a[x + 2], b[y + 2], s2);
      s3 = Math.fma(a[x + 3], b[y + 3], s3);
      s4 = Math.fma(a[x + 4], b[y + 4], s4);
      s5 = Math.fma(a[x + 5], b[y + 5], s5);
      s6 = Math.fma(a[x + 6], b[y + 6], s6);
      s7 = Math.fma(a[x + 7], b[y + 7], s7);
    }
    float sum = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    for (int j = bound; j < length; j++) {
      sum += a[aOffset + j] * b[bOffset + j];
    }
    return sum;
  }

  @Override public void dotPair(float[] query, float[] matrix, int first, int length,
      float[] out, int index) {
    out[index] = dot(query, 0, matrix, first, length);
    out[index + 1] = dot(query, 0, matrix, first + length, length);
  }

  @Override public String name() {
    return "scalar";
  }
}
