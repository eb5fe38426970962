package io.rowspace.engine.search;

import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;

/**
 * An approximate nearest-neighbour index over a space's rows: hierarchical navigable
 * small-world graphs built and searched by Lucene, stored in Rowspace's own format beside the
 * rows they index.
 *
 * <p>Large spaces are indexed on every core: the rows are cut into consecutive runs, one per
 * thread (each at least {@link #MIN_SHARD_ROWS} rows), each run gets a graph of its own built on
 * its own thread, and a search looks through every graph and ranks the union of their candidates
 * by exact similarity. Each graph is built one row at a time in row order with levels drawn from
 * a seed derived from the given one, so the same rows, seed and thread count always give the same
 * graphs, and so the same neighbours. (Lucene's concurrent builder inserts rows into one graph in
 * whatever order the threads reach them, so its graph differs from build to build.)
 */
public final class HnswIndex {
  /** Format 1: one graph; format 2: a run of rows per graph. */
  private static final int FORMAT_VERSION = 2;
  /** Neighbours per node on the upper levels (twice as many on level 0): Lucene's default. */
  static final int MAX_CONNECTIONS = 16;
  /** Candidates kept while inserting a row; more gives a better graph, built more slowly. */
  static final int BUILD_BEAM = 100;
  /** Candidates kept while searching, at least; recall@10 rises with it, and so does latency. */
  static final int SEARCH_BEAM = 100;
  /**
   * Fewest rows per graph when the build is spread over threads: below, one graph on one thread
   * builds in seconds, and every further graph adds a search's worth of work to each query.
   */
  static final int MIN_SHARD_ROWS = 50_000;
  /** Rows added between two checks of the caller's cancel flag. */
  private static final int CANCEL_CHECK_ROWS = 1024;
  /** Rows added between two progress reports. */
  private static final int PROGRESS_ROWS = 16_384;
  /** Spreads the seeds of the graphs after the first (the golden-ratio increment). */
  private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

  /** One graph over rows {@code first .. first + graph.size() - 1}. */
  private record Shard(int first, PackedHnswGraph graph) {
  }

  private final List<Shard> shards;
  private final long seed;

  private HnswIndex(List<Shard> shards, long seed) {
    this.shards = List.copyOf(shards);
    this.seed = seed;
  }

  /** Builds the index of every row on every core, silently. */
  public static HnswIndex build(RowVectors vectors, long seed, BooleanSupplier cancelled) {
    return build(vectors, seed, cancelled, rows -> { });
  }

  /**
   * Builds the index of every row, on as many threads as the machine has cores (one graph per
   * thread, each of at least {@link #MIN_SHARD_ROWS} rows).
   *
   * @param cancelled checked every thousand rows or so, on the calling thread
   * @param progress told, on the calling thread, the count of rows inserted every 16,384 rows
   *     or so and at the end
   * @throws EngineException CANCELLED when {@code cancelled} turned true
   */
  public static HnswIndex build(RowVectors vectors, long seed, BooleanSupplier cancelled,
      IntConsumer progress) {
    return build(vectors, seed, Runtime.getRuntime().availableProcessors(), cancelled,
        progress);
  }

  /**
   * Builds the index of every row on up to {@code threads} threads, one graph per thread, each
   * of at least {@link #MIN_SHARD_ROWS} rows; the same rows, seed and thread count give the same
   * index.
   */
  public static HnswIndex build(RowVectors vectors, long seed, int threads,
      BooleanSupplier cancelled, IntConsumer progress) {
    return buildGraphs(vectors, seed, graphCount(vectors.size(), threads), cancelled, progress);
  }

  /** How many graphs {@code threads} threads build over {@code rows} rows. */
  static int graphCount(int rows, int threads) {
    return Math.max(1, Math.min(threads, rows / MIN_SHARD_ROWS));
  }

  /** Builds the index as {@code graphs} graphs over consecutive runs of rows, one per thread. */
  static HnswIndex buildGraphs(RowVectors vectors, long seed, int graphs,
      BooleanSupplier cancelled, IntConsumer progress) {
    int n = vectors.size();
    List<Shard> shards = new ArrayList<>(graphs);
    if (graphs == 1) {
      shards.add(buildShard(vectors, 0, n, seed, cancelled, rows -> {
        if (rows % PROGRESS_ROWS == 0) {
          progress.accept(rows);
        }
      }));
      progress.accept(n);
      return new HnswIndex(shards, seed);
    }
    AtomicInteger inserted = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(graphs, task -> {
      Thread thread = new Thread(task, "rowspace-index-build");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Shard>> futures = new ArrayList<>(graphs);
      for (int g = 0; g < graphs; g++) {
        int first = (int) ((long) n * g / graphs);
        int end = (int) ((long) n * (g + 1) / graphs);
        long graphSeed = seed + g * SEED_STEP;
        futures.add(pool.submit(() -> buildShard(vectors, first, end - first, graphSeed,
            stop::get, rows -> inserted.incrementAndGet())));
      }
      int reported = 0;
      for (Future<Shard> future : futures) {
        while (true) {
          try {
            shards.add(future.get(100, TimeUnit.MILLISECONDS));
            break;
          } catch (TimeoutException e) {
            if (cancelled.getAsBoolean()) {
              stop.set(true);
            }
            int now = inserted.get();
            if (now / PROGRESS_ROWS > reported / PROGRESS_ROWS) {
              progress.accept(now);
              reported = now;
            }
          }
        }
      }
      progress.accept(n);
      return new HnswIndex(shards, seed);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Building a search graph failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ErrorCode.INDEX_BUILD_INTERRUPTED.failure();
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  /**
   * One graph over rows {@code first .. first + count - 1}, inserted in row order.
   *
   * @param stop asked every {@link #CANCEL_CHECK_ROWS} rows; true cancels the build
   * @param afterRow told the graph's row count after each row inserted
   */
  private static Shard buildShard(RowVectors vectors, int first, int count, long seed,
      BooleanSupplier stop, IntConsumer afterRow) {
    try {
      HnswGraphBuilder builder = HnswGraphBuilder.create(
          new RowVectorScorers(vectors, first, count), MAX_CONNECTIONS, BUILD_BEAM, seed, count);
      for (int node = 0; node < count; node++) {
        if (node % CANCEL_CHECK_ROWS == 0 && stop.getAsBoolean()) {
          throw ErrorCode.INDEX_BUILD_CANCELLED.failure();
        }
        builder.addGraphNode(node);
        afterRow.accept(node + 1);
      }
      return new Shard(first, PackedHnswGraph.of(builder.getCompletedGraph()));
    } catch (IOException e) {
      throw new UncheckedIOException("Lucene's graph reads rows from memory only", e);
    }
  }

  /** The rows indexed. */
  public int size() {
    int size = 0;
    for (Shard shard : shards) {
      size += shard.graph().size();
    }
    return size;
  }

  /** The number of graphs the rows are indexed in (one per thread that built them). */
  public int graphs() {
    return shards.size();
  }

  /** The seed the graphs' levels were drawn from. */
  public long seed() {
    return seed;
  }

  /**
   * About the {@code k} rows most similar to {@code query}, best first, {@code excludeRow} (or
   * -1) left out: the search of each graph keeps {@code max(k, SEARCH_BEAM)} candidates, and
   * the candidates of all graphs are ranked by exact similarity.
   */
  public Neighbours nearest(RowVectors vectors, float[] query, int k, int excludeRow) {
    if (k <= 0 || vectors.size() == 0) {
      return Neighbours.none();
    }
    List<Integer> candidates = new ArrayList<>();
    for (Shard shard : shards) {
      int count = shard.graph().size();
      TopKnnCollector collector = new TopKnnCollector(Math.max(k, SEARCH_BEAM),
          Integer.MAX_VALUE);
      try {
        HnswGraphSearcher.search(RowVectorScorers.forQuery(vectors, query, shard.first(), count),
            collector, shard.graph().cursor(), excluding(excludeRow - shard.first(), count));
      } catch (IOException e) {
        throw new UncheckedIOException("Lucene's graph reads rows from memory only", e);
      }
      TopDocs found = collector.topDocs();
      for (ScoreDoc doc : found.scoreDocs) {
        candidates.add(shard.first() + doc.doc);
      }
    }
    TopK best = new TopK(Math.min(k, candidates.size()));
    for (int row : candidates) {
      // Exact similarities rank the candidates: the graph's scores are rounded to floats of
      // (1 + cosine) / 2, which would merge close neighbours.
      best.offer(row, vectors.similarity(query, row));
    }
    return best.drain();
  }

  /** Leaves node {@code excluded} of a graph of {@code nodes} out; none when outside it. */
  private static Bits excluding(int excluded, int nodes) {
    if (excluded < 0 || excluded >= nodes) {
      return null;
    }
    return new Bits() {
      @Override public boolean get(int node) {
        return node != excluded;
      }

      @Override public int length() {
        return nodes;
      }
    };
  }

  public byte[] toBytes() {
    int size = Integer.BYTES + Long.BYTES + 3 * Integer.BYTES;
    for (Shard shard : shards) {
      size += 2 * Integer.BYTES + shard.graph().byteSize();
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(FORMAT_VERSION).putLong(seed).putInt(MAX_CONNECTIONS).putInt(BUILD_BEAM)
        .putInt(shards.size());
    for (Shard shard : shards) {
      out.putInt(shard.first()).putInt(shard.graph().size());
      shard.graph().write(out);
    }
    return out.array();
  }

  /**
   * Reads an index stored by {@link #toBytes} (format 1 or 2) for the given rows.
   *
   * @throws IllegalArgumentException if the bytes are not an index of that many rows
   */
  public static HnswIndex fromBytes(byte[] bytes, RowVectors vectors) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int version = in.getInt();
      if (version < 1 || version > FORMAT_VERSION) {
        throw new IllegalArgumentException("A search index in format version " + version
            + " cannot be read by this Rowspace (reads versions 1 to " + FORMAT_VERSION + ").");
      }
      long seed = in.getLong();
      in.getInt(); // connections and beam: provenance, the graph itself is what searches use
      in.getInt();
      List<Shard> shards = new ArrayList<>();
      if (version == 1) {
        shards.add(new Shard(0, PackedHnswGraph.read(in, vectors.size())));
      } else {
        int count = in.getInt();
        int next = 0;
        for (int g = 0; g < count; g++) {
          int first = in.getInt();
          int rows = in.getInt();
          if (first != next || rows < 0 || rows > vectors.size() - first) {
            throw new IllegalArgumentException("Stored search index is corrupt.");
          }
          shards.add(new Shard(first, PackedHnswGraph.read(in, rows)));
          next = first + rows;
        }
        if (next != vectors.size()) {
          throw new IllegalArgumentException("Stored search index is corrupt.");
        }
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("Stored search index is corrupt.");
      }
      return new HnswIndex(shards, seed);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("Stored search index is truncated.", e);
    }
  }
}
