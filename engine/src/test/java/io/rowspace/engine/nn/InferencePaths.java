package io.rowspace.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.function.Supplier;

/** Runs work on a chosen {@link InferencePath} and compares what two paths computed. */
public final class InferencePaths {
  /**
   * Largest difference allowed between the Java and the PyTorch pass, relative to the largest
   * magnitude of the compared vector: float32 sums taken in another order through the layers.
   */
  public static final double TOLERANCE = 1e-5;

  private InferencePaths() {}

  /** Runs {@code work} with the inference path set to {@code path}, then restores it. */
  public static <T> T with(InferencePath path, Supplier<T> work) {
    String before = System.getProperty(InferencePath.PROPERTY);
    System.setProperty(InferencePath.PROPERTY, path.name().toLowerCase(Locale.ROOT));
    try {
      return work.get();
    } finally {
      if (before == null) {
        System.clearProperty(InferencePath.PROPERTY);
      } else {
        System.setProperty(InferencePath.PROPERTY, before);
      }
    }
  }

  /** Largest absolute difference over the largest absolute value of {@code expected}. */
  public static double relativeDifference(float[] actual, float[] expected) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < actual.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    }
    return diff / Math.max(scale, 1e-30);
  }
}
