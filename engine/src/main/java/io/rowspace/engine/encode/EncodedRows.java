package io.rowspace.engine.encode;

/**
 * Rows turned into model inputs, row-major: for row {@code r} and column {@code c}, the embedding
 * slots are {@code index[(r * columns + c) * slots ...]} ({@code slots} of them, averaged by the
 * model) and the numeric features start at {@code (r * columns + c) * features}.
 *
 * @param rows number of rows
 * @param columns number of used columns
 * @param slots embedding slots per cell
 * @param features numeric features per cell
 * @param index global embedding-table slots per cell
 * @param values numeric features per cell (zero for missing cells and unused features)
 * @param keys per cell, equal exactly when two cells of a column hold the same value
 * @param unparseable per column, values present but unreadable as the column's type
 * @param absent per column, whether the frame lacked the column altogether
 * @param sentences per cell, the sentence-model input of columns with a semantic path
 */
public record EncodedRows(int rows, int columns, int slots, int features, int[] index,
    float[] values, float[] keys, long[] unparseable, boolean[] absent,
    SentenceCells sentences) {

  /** Copies the cells of the given rows, in order, into new arrays. */
  public EncodedRows select(int[] rowIndices) {
    int n = rowIndices.length;
    int[] idx = new int[n * columns * slots];
    float[] feat = new float[n * columns * features];
    float[] k = new float[n * columns];
    for (int i = 0; i < n; i++) {
      int r = rowIndices[i];
      System.arraycopy(index, r * columns * slots, idx, i * columns * slots, columns * slots);
      System.arraycopy(keys, r * columns, k, i * columns, columns);
      System.arraycopy(values, r * columns * features, feat, i * columns * features,
          columns * features);
    }
    return new EncodedRows(n, columns, slots, features, idx, feat, k, unparseable, absent,
        sentences.select(rowIndices, columns));
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  public EncodedRows range(int from, int to) {
    int[] rowsIdx = new int[to - from];
    for (int i = 0; i < rowsIdx.length; i++) {
      rowsIdx[i] = from + i;
    }
    return select(rowsIdx);
  }

  /** The slots as the int64 values an embedding lookup takes. */
  public long[] indexAsLongs() {
    long[] out = new long[index.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = index[i];
    }
    return out;
  }
}
