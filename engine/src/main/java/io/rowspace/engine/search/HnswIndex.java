package io.rowspace.engine.search;

import io.rowspace.engine.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;

/**
 * An approximate nearest-neighbour index over a space's rows: a hierarchical navigable
 * small-world graph built and searched by Lucene, stored in Rowspace's own format beside the
 * rows it indexes.
 *
 * <p>Built one row at a time in row order on one thread, with levels drawn from the given seed,
 * so the same rows and seed always give the same graph, and so the same neighbours.
 */
public final class HnswIndex {
  private static final int FORMAT_VERSION = 1;
  /** Neighbours per node on the upper levels (twice as many on level 0): Lucene's default. */
  static final int MAX_CONNECTIONS = 16;
  /** Candidates kept while inserting a row; more gives a better graph, built more slowly. */
  static final int BUILD_BEAM = 100;
  /** Candidates kept while searching, at least; recall@10 rises with it, and so does latency. */
  static final int SEARCH_BEAM = 100;
  /** Rows added between two checks of the caller's cancel flag. */
  private static final int CANCEL_CHECK_ROWS = 1024;
  /** Rows added between two progress reports. */
  private static final int PROGRESS_ROWS = 16_384;

  private final PackedHnswGraph graph;
  private final long seed;

  private HnswIndex(PackedHnswGraph graph, long seed) {
    this.graph = graph;
    this.seed = seed;
  }

  /** Builds the index of every row, silently. */
  public static HnswIndex build(RowVectors vectors, long seed, BooleanSupplier cancelled) {
    return build(vectors, seed, cancelled, rows -> { });
  }

  /**
   * Builds the index of every row. The rows are inserted one after the other, on the calling
   * thread: the graph then depends only on the vectors and the seed, so the stored index is the
   * same bytes on every build (a concurrent build would not be).
   *
   * @param cancelled checked every thousand rows or so
   * @param progress told the count of rows inserted every 16,384 rows and at the end
   * @throws EngineException CANCELLED when {@code cancelled} turned true
   */
  public static HnswIndex build(RowVectors vectors, long seed, BooleanSupplier cancelled,
      IntConsumer progress) {
    try {
      HnswGraphBuilder builder = HnswGraphBuilder.create(new RowVectorScorers(vectors),
          MAX_CONNECTIONS, BUILD_BEAM, seed, vectors.size());
      for (int row = 0; row < vectors.size(); row++) {
        if (row % CANCEL_CHECK_ROWS == 0 && cancelled.getAsBoolean()) {
          throw new EngineException(EngineException.Kind.CANCELLED,
              "Building the search index was cancelled.");
        }
        builder.addGraphNode(row);
        if ((row + 1) % PROGRESS_ROWS == 0) {
          progress.accept(row + 1);
        }
      }
      progress.accept(vectors.size());
      return new HnswIndex(PackedHnswGraph.of(builder.getCompletedGraph()), seed);
    } catch (IOException e) {
      throw new UncheckedIOException("Lucene's graph reads rows from memory only", e);
    }
  }

  /** The rows indexed. */
  public int size() {
    return graph.size();
  }

  /** The seed the graph's levels were drawn from. */
  public long seed() {
    return seed;
  }

  /**
   * About the {@code k} rows most similar to {@code query}, best first, {@code excludeRow} (or
   * -1) left out: each search keeps {@code max(k, SEARCH_BEAM)} candidates.
   */
  public Neighbours nearest(RowVectors vectors, float[] query, int k, int excludeRow) {
    if (k <= 0 || vectors.size() == 0) {
      return Neighbours.none();
    }
    TopKnnCollector collector = new TopKnnCollector(Math.max(k, SEARCH_BEAM), Integer.MAX_VALUE);
    try {
      HnswGraphSearcher.search(RowVectorScorers.forQuery(vectors, query), collector,
          graph.cursor(), excluding(excludeRow, vectors.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("Lucene's graph reads rows from memory only", e);
    }
    TopDocs found = collector.topDocs();
    TopK best = new TopK(Math.min(k, found.scoreDocs.length));
    for (ScoreDoc doc : found.scoreDocs) {
      // Exact similarities rank the candidates: the graph's scores are rounded to floats of
      // (1 + cosine) / 2, which would merge close neighbours.
      best.offer(doc.doc, vectors.similarity(query, doc.doc));
    }
    return best.drain();
  }

  private static Bits excluding(int excludeRow, int rows) {
    if (excludeRow < 0) {
      return null;
    }
    return new Bits() {
      @Override public boolean get(int row) {
        return row != excludeRow;
      }

      @Override public int length() {
        return rows;
      }
    };
  }

  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + Long.BYTES + 2 * Integer.BYTES
        + graph.byteSize());
    out.putInt(FORMAT_VERSION).putLong(seed).putInt(MAX_CONNECTIONS).putInt(BUILD_BEAM);
    graph.write(out);
    return out.array();
  }

  /**
   * Reads an index stored by {@link #toBytes} for the given rows.
   *
   * @throws IllegalArgumentException if the bytes are not an index of that many rows
   */
  public static HnswIndex fromBytes(byte[] bytes, RowVectors vectors) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int version = in.getInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException("A search index in format version " + version
            + " cannot be read by this Rowspace (reads version " + FORMAT_VERSION + ").");
      }
      long seed = in.getLong();
      in.getInt(); // connections and beam: provenance, the graph itself is what searches use
      in.getInt();
      PackedHnswGraph graph = PackedHnswGraph.read(in, vectors.size());
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("Stored search index is corrupt.");
      }
      return new HnswIndex(graph, seed);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("Stored search index is truncated.", e);
    }
  }
}
