package io.rowspace.engine.search;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * What a space's own rows say about searching them through an {@link HnswIndex} rather than
 * exactly: the median CPU time of a k = 10 search each way and the index's recall@10, over
 * queries that are rows of the space (each excluded from its own results). The index is worth
 * keeping where it is faster at a recall of at least {@link #MIN_RECALL}.
 *
 * @param exactMillis median CPU milliseconds of an exact search
 * @param indexMillis median CPU milliseconds of a search through the index
 * @param recall share of the exact ten nearest rows the index finds (a row as similar as the
 *     exact tenth counts)
 * @param queries rows searched for
 */
public record SearchSpeed(double exactMillis, double indexMillis, double recall, int queries) {
  /** Lowest recall@10 at which the index is used. */
  public static final double MIN_RECALL = 0.99;
  /** Rows searched for, at most. */
  public static final int QUERIES = 200;
  private static final int K = 10;
  private static final int WARM_UP = 20;

  /** Whether searching through the index is faster at a recall of at least {@link #MIN_RECALL}. */
  public boolean indexWins() {
    return recall >= MIN_RECALL && indexMillis < exactMillis;
  }

  /** The measurement as a user reads it. */
  public String describe() {
    return String.format(Locale.ROOT, "index %.3f ms at recall@10 %.3f vs exact %.3f ms "
        + "(CPU per search, median of %d rows of the space)", indexMillis, recall, exactMillis,
        queries);
  }

  /**
   * Measures both searches on up to {@link #QUERIES} rows drawn with {@code seed}, exact and
   * indexed alternately so a load on the machine falls on both alike.
   */
  public static SearchSpeed measure(RowVectors vectors, HnswIndex index, long seed) {
    int n = vectors.size();
    int queries = Math.min(QUERIES, n);
    Random random = new Random(seed);
    int[] rows = new int[queries];
    for (int i = 0; i < queries; i++) {
      rows[i] = random.nextInt(n);
    }
    for (int i = 0; i < Math.min(WARM_UP, queries); i++) {
      vectors.nearest(vectors.vector(rows[i]), K, rows[i]);
      index.nearest(vectors, vectors.vector(rows[i]), K, rows[i]);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] exactNanos = new double[queries];
    double[] indexNanos = new double[queries];
    double found = 0;
    for (int i = 0; i < queries; i++) {
      float[] query = vectors.vector(rows[i]);
      long started = threads.getCurrentThreadCpuTime();
      Neighbours exact = vectors.nearest(query, K, rows[i]);
      long between = threads.getCurrentThreadCpuTime();
      Neighbours approximate = index.nearest(vectors, query, K, rows[i]);
      long ended = threads.getCurrentThreadCpuTime();
      exactNanos[i] = between - started;
      indexNanos[i] = ended - between;
      found += recall(exact, approximate);
    }
    return new SearchSpeed(median(exactNanos) / 1e6, median(indexNanos) / 1e6, found / queries,
        queries);
  }

  private static double recall(Neighbours exact, Neighbours approximate) {
    if (exact.size() == 0) {
      return 1;
    }
    double tenth = exact.similarity(exact.size() - 1);
    int hits = 0;
    for (int i = 0; i < approximate.size(); i++) {
      if (approximate.similarity(i) >= tenth) {
        hits++;
      }
    }
    return Math.min(1.0, (double) hits / exact.size());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
