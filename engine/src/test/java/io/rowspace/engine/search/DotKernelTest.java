package io.rowspace.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD and the scalar dot-product kernels sum in the same order, so a search gives the same
 * bits in a JVM with the Vector API and in one without; both are dot products.
 */
class DotKernelTest {
  private static final DotKernel SCALAR = new ScalarDotKernel();

  @Test
  void theTestsRunWithTheVectorApiKernel() {
    // surefire starts the JVM with --add-modules jdk.incubator.vector, as the launcher does
    assertEquals("vector-api", DotKernel.fastest().name());
    assertEquals("vector-api", RowVectors.kernel());
  }

  @Test
  void bothKernelsGiveTheSameBitsForEveryLength() {
    DotKernel simd = DotKernel.fastest();
    Random random = new Random(17);
    for (int length = 0; length <= 100; length++) {
      float[] query = gaussian(random, length);
      float[] matrix = gaussian(random, 3 * length + 5);
      for (int offset : new int[] {0, 1, length, length + 5}) {
        if (offset + 2 * length > matrix.length) {
          continue;
        }
        float one = SCALAR.dot(query, 0, matrix, offset, length);
        assertEquals(Float.floatToIntBits(one),
            Float.floatToIntBits(simd.dot(query, 0, matrix, offset, length)),
            "length " + length + ", offset " + offset);
        float[] pairScalar = new float[3];
        float[] pairSimd = new float[3];
        SCALAR.dotPair(query, matrix, offset, length, pairScalar, 1);
        simd.dotPair(query, matrix, offset, length, pairSimd, 1);
        assertEquals(Float.floatToIntBits(one), Float.floatToIntBits(pairSimd[1]),
            "a pair's first sum is the row's own, length " + length);
        assertEquals(Float.floatToIntBits(pairScalar[2]), Float.floatToIntBits(pairSimd[2]),
            "length " + length + ", offset " + offset);
      }
    }
  }

  @Test
  void theSumIsTheDotProduct() {
    Random random = new Random(3);
    for (int length : new int[] {1, 7, 8, 9, 48, 64, 384}) {
      float[] a = gaussian(random, length);
      float[] b = gaussian(random, length);
      double exact = 0;
      double magnitude = 0;
      for (int i = 0; i < length; i++) {
        exact += (double) a[i] * b[i];
        magnitude += Math.abs((double) a[i] * b[i]);
      }
      float summed = DotKernel.fastest().dot(a, 0, b, 0, length);
      assertTrue(Math.abs(summed - exact) <= 1e-5 * magnitude + 1e-6,
          "length " + length + ": " + summed + " vs " + exact);
    }
  }

  private static float[] gaussian(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
