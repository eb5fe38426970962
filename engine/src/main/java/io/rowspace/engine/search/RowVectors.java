package io.rowspace.engine.search;

import io.rowspace.engine.store.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded rows of a space: each row's key (its key column values as text), its
 * L2-normalised vector and the extremeness of its values (how far its most extreme number lies
 * beyond its column's outlier fences, the second term of a row's anomaly score), with exact
 * cosine nearest-neighbour search.
 *
 * <p>Vectors are kept row after row in one {@code float} array. Exact search multiplies the
 * query with one block of rows at a time into a small score buffer and keeps the best rows in a
 * bounded heap, so a search over a million rows allocates nothing per row. Similarities are
 * summed by a {@link DotKernel}: SIMD through the JDK's Vector API where the JVM has it, the same
 * sums element by element where not, so a search gives the same bits either way.
 */
public final class RowVectors {
  /** Version 2 added the extremeness of each row; version 1 files read as extremeness 0. */
  private static final int FORMAT_VERSION = 2;
  /** Rows scored per block: the scores of a block stay in the first-level cache. */
  private static final int BLOCK_ROWS = 256;
  /** How similarities are summed: SIMD where the JVM has the Vector API, the same bits where not. */
  private static final DotKernel KERNEL = DotKernel.fastest();

  private final List<String> keys;
  private final float[] matrix;
  private final int dimension;
  private final float[] extremeness;
  private final Map<String, Integer> rowOfKey;

  /** Rows whose values are all within their columns' outlier fences. */
  public RowVectors(List<String> keys, float[][] vectors) {
    this(keys, vectors, new double[vectors.length]);
  }

  /**
   * @param extremeness per row, {@code EmbeddingSpace.extremeness} of its values
   */
  public RowVectors(List<String> keys, float[][] vectors, double[] extremeness) {
    if (keys.size() != vectors.length || extremeness.length != vectors.length) {
      throw new IllegalArgumentException(keys.size() + " keys, " + vectors.length
          + " vectors and " + extremeness.length + " extremeness values: one of each per row");
    }
    this.keys = List.copyOf(keys);
    this.dimension = vectors.length == 0 ? 0 : vectors[0].length;
    this.matrix = new float[vectors.length * dimension];
    for (int i = 0; i < vectors.length; i++) {
      System.arraycopy(vectors[i], 0, matrix, i * dimension, dimension);
    }
    this.extremeness = new float[extremeness.length];
    for (int i = 0; i < extremeness.length; i++) {
      this.extremeness[i] = (float) extremeness[i];
    }
    this.rowOfKey = index(this.keys);
  }

  private RowVectors(List<String> keys, float[] matrix, int dimension, float[] extremeness) {
    this.keys = keys;
    this.matrix = matrix;
    this.dimension = dimension;
    this.extremeness = extremeness;
    this.rowOfKey = index(keys);
  }

  private static Map<String, Integer> index(List<String> keys) {
    Map<String, Integer> rows = new HashMap<>(keys.size() * 2);
    for (int i = 0; i < keys.size(); i++) {
      rows.put(keys.get(i), i);
    }
    return rows;
  }

  public int size() {
    return keys.size();
  }

  public int dimension() {
    return dimension;
  }

  public String key(int row) {
    return keys.get(row);
  }

  /** The row of a key, or -1 when no embedded row has it. */
  public int rowOf(String key) {
    return rowOfKey.getOrDefault(key, -1);
  }

  public float[] vector(int row) {
    float[] vector = new float[dimension];
    System.arraycopy(matrix, row * dimension, vector, 0, dimension);
    return vector;
  }

  /** How many robust standard deviations the row's most extreme number lies beyond its fences. */
  public double extremeness(int row) {
    return extremeness[row];
  }

  /** The name of the kernel similarities are summed with: {@code vector-api} or {@code scalar}. */
  public static String kernel() {
    return KERNEL.name();
  }

  /** The cosine similarity of a normalised query to a row. */
  float similarity(float[] query, int row) {
    return KERNEL.dot(query, 0, matrix, row * dimension, dimension);
  }

  /**
   * The {@code k} rows most similar to {@code query} by cosine similarity, best first, ties
   * broken by row order; {@code excludeRow} (or -1) is skipped.
   */
  public Neighbours nearest(float[] query, int k, int excludeRow) {
    int n = keys.size();
    int wanted = Math.min(k, excludeRow >= 0 && excludeRow < n ? n - 1 : n);
    if (wanted <= 0) {
      return Neighbours.none();
    }
    TopK best = new TopK(wanted);
    float[] scores = new float[BLOCK_ROWS];
    for (int start = 0; start < n; start += BLOCK_ROWS) {
      int rows = Math.min(BLOCK_ROWS, n - start);
      scoreBlock(query, start, rows, scores);
      float threshold = best.threshold();
      for (int r = 0; r < rows; r++) {
        // Rows come in increasing order, so a row only as similar as the worst kept one loses.
        if (scores[r] > threshold && start + r != excludeRow) {
          best.offer(start + r, scores[r]);
          threshold = best.threshold();
        }
      }
    }
    return best.drain();
  }

  /**
   * Scores rows {@code start .. start+rows-1} against the query: one block's matrix product, two
   * rows at a time so each load of the query serves both (the scan reads 1.3-1.6 times faster
   * than one row at a time); each score is summed exactly as {@link #similarity} sums it.
   */
  private void scoreBlock(float[] query, int start, int rows, float[] scores) {
    int offset = start * dimension;
    int r = 0;
    for (; r + 1 < rows; r += 2, offset += 2 * dimension) {
      KERNEL.dotPair(query, matrix, offset, dimension, scores, r);
    }
    if (r < rows) {
      scores[r] = KERNEL.dot(query, 0, matrix, offset, dimension);
    }
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(matrix.length * 4 + keys.size() * 8
        + 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT_VERSION);
      out.writeInt(keys.size());
      out.writeInt(dimension);
      for (String key : keys) {
        ModelFile.writeText(out, key);
      }
      ByteBuffer values = ByteBuffer.allocate((matrix.length + extremeness.length) * Float.BYTES);
      values.asFloatBuffer().put(matrix).put(extremeness);
      out.write(values.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RowVectors fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readInt();
      if (version < 1 || version > FORMAT_VERSION) {
        throw new IllegalArgumentException("Row vectors in format version " + version
            + " cannot be read by this Rowspace (reads versions 1 to " + FORMAT_VERSION
            + "); use the Rowspace version that wrote them, or REFRESH EMBEDDING SPACE to "
            + "rewrite them with this one.");
      }
      int n = in.readInt();
      int dimension = in.readInt();
      String[] keys = new String[n];
      for (int i = 0; i < n; i++) {
        keys[i] = ModelFile.readText(in);
      }
      byte[] values = new byte[Math.multiplyExact(n, dimension) * Float.BYTES];
      in.readFully(values);
      float[] matrix = new float[n * dimension];
      ByteBuffer.wrap(values).asFloatBuffer().get(matrix);
      float[] extremeness = new float[n];
      if (version >= 2) {
        byte[] extremes = new byte[n * Float.BYTES];
        in.readFully(extremes);
        ByteBuffer.wrap(extremes).asFloatBuffer().get(extremeness);
      }
      return new RowVectors(List.of(keys), matrix, dimension, extremeness);
    } catch (IOException | ArithmeticException e) {
      throw new IllegalArgumentException("Stored row vectors are truncated or corrupt.", e);
    }
  }
}
