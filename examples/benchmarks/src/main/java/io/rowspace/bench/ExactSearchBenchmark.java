package io.rowspace.bench;

import static io.rowspace.bench.Measurements.median;

import io.rowspace.engine.search.RowVectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Exact similarity search against the memory bound: the CPU time of a k = 10 exact search over
 * random 48-dimensional rows (1,000,000 by default, 192 MB of floats), summed by the SIMD kernel
 * (Vector API) and by the scalar one, beside the time a plain Java streaming read of as many
 * bytes takes (a sum of the floats' bits as integers). That read is no bound: the SIMD search
 * outruns it; compare GB/s with a native SIMD read (22-24 GB/s per thread on the development
 * machine, {@code perf-anchors.md}). The kernel is fixed when a JVM
 * starts, so each measurement runs in a child JVM of its own, the two kernels alternating, each
 * repeated; the table gives medians.
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.ExactSearchBenchmark [--rows 1000000] [--dimension 48]
 *     [--runs 3] [--out FILE.md]
 * </pre>
 */
public final class ExactSearchBenchmark {
  private static final int QUERIES = 40;

  private ExactSearchBenchmark() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int rows = 1_000_000;
    int dimension = 48;
    int runs = 3;
    Path out = null;
    boolean child = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--dimension" -> dimension = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--child" -> child = true;
        default -> {
          System.err.println("usage: ExactSearchBenchmark [--rows 1000000] [--dimension 48] "
              + "[--runs 3] [--out FILE.md]");
          System.exit(2);
        }
      }
    }
    if (child) {
      measure(rows, dimension);
      return;
    }
    String[] kernels = {"vector-api", "scalar"};
    double[][] searchMillis = new double[2][runs];
    double[][] readMillis = new double[2][runs];
    for (int run = 0; run < runs; run++) {
      for (int k = 0; k < 2; k++) {
        double[] figures = runChild(kernels[k], rows, dimension);
        searchMillis[k][run] = figures[0];
        readMillis[k][run] = figures[1];
        System.err.printf(Locale.ROOT, "run %d, %s: search %.2f ms, streaming read %.2f ms%n",
            run + 1, kernels[k], figures[0], figures[1]);
      }
    }
    double bytes = (double) rows * dimension * Float.BYTES;
    double read = median(concat(readMillis[0], readMillis[1]));
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%d rows x %d dimensions "
        + "(%.0f MB), k = 10, CPU per exact search: medians of %d alternating child JVMs "
        + "(%d searches each)%n%n| kernel | search CPU ms | GB/s | ratio to streaming read |%n"
        + "|---|---:|---:|---:|%n", rows, dimension, bytes / 1e6, runs, QUERIES));
    for (int k = 0; k < 2; k++) {
      double millis = median(searchMillis[k]);
      table.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %.2f |%n", kernels[k],
          millis, bytes / millis / 1e6, millis / read));
    }
    table.append(String.format(Locale.ROOT, "| streaming read (Java int sum, same JVMs) | %.2f | %.1f | 1.00 |%n",
        read, bytes / read / 1e6));
    table.append(String.format(Locale.ROOT, "%nscalar / vector-api: %.2f%n",
        median(searchMillis[1]) / median(searchMillis[0])));
    System.out.print(table);
    if (out != null) {
      Files.writeString(out, table, StandardCharsets.UTF_8);
    }
  }

  /** Runs one measurement in a child JVM with the given kernel; {search ms, read ms}. */
  private static double[] runChild(String kernel, int rows, int dimension)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
    if (kernel.equals("vector-api")) {
      command.add("--add-modules");
      command.add("jdk.incubator.vector");
    } else {
      command.add("-Drowspace.simd=false");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ExactSearchBenchmark.class.getName(), "--child", "--rows", Integer.toString(rows),
        "--dimension", Integer.toString(dimension)));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String line;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        process.getInputStream(), StandardCharsets.UTF_8))) {
      line = reader.readLine();
    }
    if (process.waitFor() != 0 || line == null) {
      throw new IllegalStateException("the measurement with kernel " + kernel + " failed");
    }
    String[] parts = line.trim().split(" ");
    if (!parts[0].equals(kernel)) {
      throw new IllegalStateException("asked for kernel " + kernel + ", the child ran "
          + parts[0]);
    }
    return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
  }

  /** In the child: prints "kernel searchMillis readMillis". */
  private static void measure(int rows, int dimension) {
    Random random = new Random(1);
    List<String> keys = new ArrayList<>(rows);
    float[][] vectors = new float[rows][dimension];
    float[] flat = new float[rows * dimension];
    for (int i = 0; i < rows; i++) {
      keys.add(Integer.toString(i));
      double norm = 0;
      for (int j = 0; j < dimension; j++) {
        vectors[i][j] = (float) random.nextGaussian();
        norm += vectors[i][j] * vectors[i][j];
      }
      for (int j = 0; j < dimension; j++) {
        vectors[i][j] /= (float) Math.sqrt(norm);
        flat[i * dimension + j] = vectors[i][j];
      }
    }
    RowVectors rowVectors = new RowVectors(keys, vectors);
    vectors = null;
    int[] bits = new int[flat.length];
    for (int i = 0; i < flat.length; i++) {
      bits[i] = Float.floatToRawIntBits(flat[i]);
    }
    flat = null;
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double[] search = new double[QUERIES];
    double[] read = new double[QUERIES];
    long sink = 0;
    for (int q = -5; q < QUERIES; q++) {
      int row = Math.floorMod(random.nextInt(), rows);
      long start = bean.getCurrentThreadCpuTime();
      sink += rowVectors.nearest(rowVectors.vector(row), 10, row).row(0);
      long between = bean.getCurrentThreadCpuTime();
      sink += streamingRead(bits);
      long end = bean.getCurrentThreadCpuTime();
      if (q >= 0) {
        search[q] = (between - start) / 1e6;
        read[q] = (end - between) / 1e6;
      }
    }
    System.out.printf(Locale.ROOT, "%s %.4f %.4f %d%n", RowVectors.kernel(), median(search),
        median(read), sink & 1);
  }

  /**
   * Reads as many bytes as the search, once: a sum of the floats' bits as integers, which C2
   * turns into SIMD additions, so memory, not the arithmetic, sets its pace.
   */
  private static int streamingRead(int[] values) {
    int sum = 0;
    for (int value : values) {
      sum += value;
    }
    return sum;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

}
