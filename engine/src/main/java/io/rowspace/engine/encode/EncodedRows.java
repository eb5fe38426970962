package io.rowspace.engine.encode;

/**
 * Rows turned into model inputs, row-major: for row {@code r} and column {@code c}, the embedding
 * slot is {@code index[r * columns + c]} and the scalar features start at
 * {@code (r * columns + c) * ColumnEncoder.FEATURES}.
 *
 * @param rows number of rows
 * @param columns number of used columns
 * @param index global embedding-table slot per cell
 * @param features scalar features per cell (zero for categorical and missing cells)
 * @param keys per cell, equal exactly when two cells of a column hold the same value
 * @param unparseable per column, values present but unreadable as the column's type
 * @param absent per column, whether the frame lacked the column altogether
 */
public record EncodedRows(int rows, int columns, int[] index, float[] features, float[] keys,
    long[] unparseable, boolean[] absent) {

  /** Copies the cells of the given rows, in order, into new arrays. */
  public EncodedRows select(int[] rowIndices) {
    int n = rowIndices.length;
    int f = ColumnEncoder.FEATURES;
    int[] idx = new int[n * columns];
    float[] feat = new float[n * columns * f];
    float[] k = new float[n * columns];
    for (int i = 0; i < n; i++) {
      int r = rowIndices[i];
      System.arraycopy(index, r * columns, idx, i * columns, columns);
      System.arraycopy(keys, r * columns, k, i * columns, columns);
      System.arraycopy(features, r * columns * f, feat, i * columns * f, columns * f);
    }
    return new EncodedRows(n, columns, idx, feat, k, unparseable, absent);
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  public EncodedRows range(int from, int to) {
    int[] rowsIdx = new int[to - from];
    for (int i = 0; i < rowsIdx.length; i++) {
      rowsIdx[i] = from + i;
    }
    return select(rowsIdx);
  }
}
