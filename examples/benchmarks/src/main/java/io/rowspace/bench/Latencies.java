package io.rowspace.bench;

import java.util.Arrays;

/** Wall-clock times of repeated executions of one statement, in nanoseconds. */
final class Latencies {
  private final long[] nanos;
  private int count;

  Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  void add(long elapsedNanos) {
    nanos[count++] = elapsedNanos;
  }

  /** The {@code p}-th percentile (0..100) in milliseconds, nearest rank. */
  double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }
}
