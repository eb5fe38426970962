package io.rowspace.engine.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded rows of a space: each row's key (its key column values as text) and its
 * L2-normalised vector, with exact cosine nearest-neighbour search.
 */
public final class RowVectors {
  private static final int FORMAT_VERSION = 1;

  private final List<String> keys;
  private final float[] matrix;
  private final int dimension;
  private final Map<String, Integer> rowOfKey;

  public RowVectors(List<String> keys, float[][] vectors) {
    this.keys = List.copyOf(keys);
    this.dimension = vectors.length == 0 ? 0 : vectors[0].length;
    this.matrix = new float[vectors.length * dimension];
    for (int i = 0; i < vectors.length; i++) {
      System.arraycopy(vectors[i], 0, matrix, i * dimension, dimension);
    }
    this.rowOfKey = index(this.keys);
  }

  private RowVectors(List<String> keys, float[] matrix, int dimension) {
    this.keys = keys;
    this.matrix = matrix;
    this.dimension = dimension;
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

  /** A neighbour found by {@link #nearest}. */
  public record Neighbour(int row, double similarity) {
  }

  /**
   * The {@code k} rows most similar to {@code query} by cosine similarity, best first, ties
   * broken by row order; {@code excludeRow} (or -1) is skipped.
   */
  public List<Neighbour> nearest(float[] query, int k, int excludeRow) {
    int n = keys.size();
    int wanted = Math.min(k, excludeRow >= 0 ? n - 1 : n);
    if (wanted <= 0) {
      return List.of();
    }
    // A bounded min-heap of the best rows seen: O(n log k), no full sort.
    java.util.PriorityQueue<Neighbour> best = new java.util.PriorityQueue<>(wanted + 1,
        (a, b) -> a.similarity() != b.similarity()
            ? Double.compare(a.similarity(), b.similarity())
            : Integer.compare(b.row(), a.row()));
    for (int row = 0; row < n; row++) {
      if (row == excludeRow) {
        continue;
      }
      double dot = 0;
      int offset = row * dimension;
      for (int j = 0; j < dimension; j++) {
        dot += query[j] * matrix[offset + j];
      }
      if (best.size() < wanted) {
        best.add(new Neighbour(row, dot));
      } else if (dot > best.peek().similarity()) {
        best.poll();
        best.add(new Neighbour(row, dot));
      }
    }
    Neighbour[] sorted = best.toArray(new Neighbour[0]);
    java.util.Arrays.sort(sorted, (a, b) -> a.similarity() != b.similarity()
        ? Double.compare(b.similarity(), a.similarity())
        : Integer.compare(a.row(), b.row()));
    return List.of(sorted);
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT_VERSION);
      out.writeInt(keys.size());
      out.writeInt(dimension);
      for (String key : keys) {
        out.writeUTF(key);
      }
      for (float value : matrix) {
        out.writeFloat(value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RowVectors fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException("Row vectors in format version " + version
            + " cannot be read by this Rowspace (reads version " + FORMAT_VERSION + ").");
      }
      int n = in.readInt();
      int dimension = in.readInt();
      String[] keys = new String[n];
      for (int i = 0; i < n; i++) {
        keys[i] = in.readUTF();
      }
      float[] matrix = new float[n * dimension];
      for (int i = 0; i < matrix.length; i++) {
        matrix[i] = in.readFloat();
      }
      return new RowVectors(List.of(keys), matrix, dimension);
    } catch (IOException e) {
      throw new IllegalArgumentException("Stored row vectors are truncated or corrupt.", e);
    }
  }
}
