package io.rowspace.engine.search;

/**
 * Rows found by a similarity search, best first: each row's position in its {@link RowVectors}
 * and its cosine similarity to the query.
 */
public final class Neighbours {
  private static final Neighbours NONE = new Neighbours(new int[0], new float[0]);

  private final int[] rows;
  private final float[] similarities;

  Neighbours(int[] rows, float[] similarities) {
    this.rows = rows;
    this.similarities = similarities;
  }

  /** No rows. */
  public static Neighbours none() {
    return NONE;
  }

  public int size() {
    return rows.length;
  }

  /** The row of rank {@code i} (0 is the most similar). */
  public int row(int i) {
    return rows[i];
  }

  public double similarity(int i) {
    return similarities[i];
  }
}
