package io.rowspace.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process while a piece of work runs: the Java heap in use, sampled every
 * 10 ms from the {@link MemoryMXBean} and checked against the heap pools' own peak counters, and
 * the process's peak resident set size ({@code VmHWM} in {@code /proc/self/status}), which also
 * counts native memory such as PyTorch's tensors.
 */
final class MemoryPeaks implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long heapPeak;

  private MemoryPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    heapPeak = memory.getHeapMemoryUsage().getUsed();
    sampler = new Thread(this::sample, "memory-peaks");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching the heap. */
  static MemoryPeaks start() {
    return new MemoryPeaks();
  }

  private void sample() {
    while (running) {
      heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The most heap in use at any moment seen so far, in bytes: the largest sample, or the largest
   * single heap pool's own peak if a spike between two samples went above it.
   */
  long heapPeakBytes() {
    long largestPool = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        largestPool = Math.max(largestPool, pool.getPeakUsage().getUsed());
      }
    }
    return Math.max(heapPeak, largestPool);
  }

  /** The process's peak resident set size in bytes, or -1 where /proc is not available. */
  static long residentPeakBytes() {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * The machine's load averages over 1, 5 and 15 minutes from {@code /proc/loadavg}, which say
   * how much other work shared the cores during a timing; "unknown" where it cannot be read.
   */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim()
          .split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
