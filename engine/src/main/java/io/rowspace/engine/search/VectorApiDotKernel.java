package io.rowspace.engine.search;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot products of {@link DotKernel} through the JDK's Vector API (incubating in Java 17):
 * one 256-bit vector of lane sums of fused multiply-adds, its lanes added in the kernel's fixed
 * order. Loaded only when the JVM has module {@code jdk.incubator.vector}, and compiled apart
 * from the rest of the engine (the module makes javac warn, and the build treats warnings as
 * errors): see the engine's pom.
 */
final class VectorApiDotKernel implements DotKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

  @Override public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    FloatVector sums = FloatVector.zero(SPECIES);
    int bound = length - length % LANES;
    for (int j = 0; j < bound; j += LANES) {
      sums = FloatVector.fromArray(SPECIES, a, aOffset + j)
          .fma(FloatVector.fromArray(SPECIES, b, bOffset + j), sums);
    }
    float sum = lanesAdded(sums);
    for (int j = bound; j < length; j++) {
      sum += a[aOffset + j] * b[bOffset + j];
    }
    return sum;
  }

  @Override public void dotPair(float[] query, float[] matrix, int first, int length,
      float[] out, int index) {
    int second = first + length;
    FloatVector a = FloatVector.zero(SPECIES);
    FloatVector b = FloatVector.zero(SPECIES);
    int bound = length - length % LANES;
    for (int j = 0; j < bound; j += LANES) {
      FloatVector q = FloatVector.fromArray(SPECIES, query, j);
      a = q.fma(FloatVector.fromArray(SPECIES, matrix, first + j), a);
      b = q.fma(FloatVector.fromArray(SPECIES, matrix, second + j), b);
    }
    float sumA = lanesAdded(a);
    float sumB = lanesAdded(b);
    for (int j = bound; j < length; j++) {
      sumA += query[j] * matrix[first + j];
      sumB += query[j] * matrix[second + j];
    }
    out[index] = sumA;
    out[index + 1] = sumB;
  }

  /** The lanes added as {@code ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))}. */
  private static float lanesAdded(FloatVector sums) {
    return ((sums.lane(0) + sums.lane(1)) + (sums.lane(2) + sums.lane(3)))
        + ((sums.lane(4) + sums.lane(5)) + (sums.lane(6) + sums.lane(7)));
  }

  @Override public String name() {
    return "vector-api";
  }
}
