package io.rowspace.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** The two measures every benchmark here reports: medians of repeated runs and process CPU. */
final class Measurements {
  private Measurements() {
  }

  /** The median of the values (the mean of the two middle ones for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** CPU time of the whole process so far (every thread, PyTorch's included), nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
