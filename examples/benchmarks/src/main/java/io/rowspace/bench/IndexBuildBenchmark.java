package io.rowspace.bench;

import static io.rowspace.bench.Measurements.median;
import static io.rowspace.bench.Measurements.processCpuNanos;

import io.rowspace.engine.search.HnswIndex;
import io.rowspace.engine.search.Neighbours;
import io.rowspace.engine.search.RowVectors;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The search index built on one thread against one graph per core, measured in one process with
 * the builds interleaved: wall and process CPU time of each build, then, for each index, the
 * median CPU time of a k = 10 search and its recall@10 against exact search over the same queries
 * (rows of the space, each left out of its own results), searches of the two indexes
 * alternating. Rows: L2-normalised vectors around 200 centres in a 12-dimensional subspace of the
 * space's dimension, the shape a space's embeddings take.
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.IndexBuildBenchmark [--rows 200000] [--dimension 48]
 *     [--runs 2] [--queries 300] [--out FILE.md]
 * </pre>
 */
public final class IndexBuildBenchmark {
  private static final int K = 10;

  private IndexBuildBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    int rows = 200_000;
    int dimension = 48;
    int runs = 2;
    int queries = 300;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--dimension" -> dimension = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("usage: IndexBuildBenchmark [--rows 200000] [--dimension 48] "
              + "[--runs 2] [--queries 300] [--out FILE.md]");
          System.exit(2);
        }
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    RowVectors vectors = clusteredRows(rows, dimension, 11);
    int[] threads = {1, cores};
    double[][] wall = new double[2][runs];
    double[][] cpu = new double[2][runs];
    HnswIndex[] built = new HnswIndex[2];
    for (int run = 0; run < runs; run++) {
      for (int t = 0; t < 2; t++) {
        long cpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        built[t] = HnswIndex.build(vectors, 42, threads[t], () -> false, r -> { });
        wall[t][run] = (System.nanoTime() - wallStart) / 1e9;
        cpu[t][run] = (processCpuNanos() - cpuStart) / 1e9;
        System.err.printf(Locale.ROOT, "run %d, %d thread(s): %d graph(s), %.1f s wall, "
            + "%.1f s CPU%n", run + 1, threads[t], built[t].graphs(), wall[t][run],
            cpu[t][run]);
      }
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Random random = new Random(5);
    double[][] searchMillis = new double[3][queries];
    double[] recall = new double[2];
    for (int q = 0; q < queries; q++) {
      int row = random.nextInt(rows);
      float[] query = vectors.vector(row);
      long start = bean.getCurrentThreadCpuTime();
      Neighbours exact = vectors.nearest(query, K, row);
      searchMillis[2][q] = (bean.getCurrentThreadCpuTime() - start) / 1e6;
      Set<Integer> truth = rowSet(exact);
      for (int t = 0; t < 2; t++) {
        start = bean.getCurrentThreadCpuTime();
        Neighbours found = built[t].nearest(vectors, query, K, row);
        searchMillis[t][q] = (bean.getCurrentThreadCpuTime() - start) / 1e6;
        for (int i = 0; i < found.size(); i++) {
          recall[t] += truth.contains(found.row(i)) ? 1.0 / (K * queries) : 0;
        }
      }
    }
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%d rows x %d dimensions, %d cores; build medians of %d interleaved runs, search medians "
            + "of %d queries%n%n| build | graphs | build wall s | build CPU s | search CPU ms "
            + "(k = 10) | recall@10 |%n|---|---:|---:|---:|---:|---:|%n", rows, dimension, cores,
        runs, queries));
    for (int t = 0; t < 2; t++) {
      table.append(String.format(Locale.ROOT, "| %d thread%s | %d | %.1f | %.1f | %.3f | %.3f |%n",
          threads[t], threads[t] == 1 ? "" : "s", built[t].graphs(), median(wall[t]),
          median(cpu[t]), median(searchMillis[t]), recall[t]));
    }
    table.append(String.format(Locale.ROOT, "| exact search | | | | %.3f | 1.000 |%n",
        median(searchMillis[2])));
    table.append(String.format(Locale.ROOT, "%nbuild wall-time ratio (1 thread / %d): %.2f; "
        + "search CPU ratio (%d graphs / 1): %.2f%n", cores, median(wall[0]) / median(wall[1]),
        built[1].graphs(), median(searchMillis[1]) / median(searchMillis[0])));
    System.out.print(table);
    if (out != null) {
      Files.writeString(out, table, StandardCharsets.UTF_8);
    }
  }

  private static Set<Integer> rowSet(Neighbours neighbours) {
    Set<Integer> set = new HashSet<>();
    for (int i = 0; i < neighbours.size(); i++) {
      set.add(neighbours.row(i));
    }
    return set;
  }

  /** Normalised rows around 200 centres in a 12-dimensional subspace. */
  private static RowVectors clusteredRows(int n, int dimension, long seed) {
    Random random = new Random(seed);
    int latent = 12;
    float[][] projection = new float[latent][dimension];
    for (float[] p : projection) {
      for (int j = 0; j < dimension; j++) {
        p[j] = (float) random.nextGaussian();
      }
    }
    float[][] centres = new float[200][latent];
    for (float[] c : centres) {
      for (int l = 0; l < latent; l++) {
        c[l] = (float) random.nextGaussian();
      }
    }
    List<String> keys = new ArrayList<>(n);
    float[][] vectors = new float[n][dimension];
    for (int i = 0; i < n; i++) {
      keys.add(Integer.toString(i));
      float[] centre = centres[random.nextInt(centres.length)];
      double norm = 0;
      for (int l = 0; l < latent; l++) {
        float z = centre[l] + 0.5f * (float) random.nextGaussian();
        for (int j = 0; j < dimension; j++) {
          vectors[i][j] += z * projection[l][j];
        }
      }
      for (float v : vectors[i]) {
        norm += v * v;
      }
      for (int j = 0; j < dimension; j++) {
        vectors[i][j] /= (float) Math.sqrt(norm);
      }
    }
    return new RowVectors(keys, vectors);
  }
}
