package io.rowspace.engine.encode;

import java.util.Arrays;

/**
 * The sentence-model inputs of encoded rows: per cell, which row of a small table of sentence
 * vectors it takes (row 0, all zeros, for none) and how the model uses it: not at all
 * ({@link #NONE}: non-semantic columns, missing values, values without a vector), mixed with the
 * value's learned embedding by the column's learned gate ({@link #GATED}: category values seen in
 * training), or alone ({@link #ALONE}: rare and unseen category values, free text), since a
 * value without its own learned embedding has nothing better to mix with.
 *
 * @param dimension length of a sentence vector; 0 when no column of the rows has a semantic path
 * @param rows per cell (row-major, like {@link EncodedRows}), the row of {@code table}
 * @param use per cell, {@link #NONE}, {@link #GATED} or {@link #ALONE}
 * @param table sentence vectors, row-major, row 0 all zeros
 */
public record SentenceCells(int dimension, int[] rows, byte[] use, float[] table) {
  /** The cell has no sentence input. */
  public static final byte NONE = 0;
  /** The cell's sentence vector is mixed with its learned embedding by the column's gate. */
  public static final byte GATED = 1;
  /** The cell's sentence vector replaces its learned embedding. */
  public static final byte ALONE = 2;

  /** Cells without sentence inputs. */
  static SentenceCells none() {
    return new SentenceCells(0, new int[0], new byte[0], new float[0]);
  }

  /** Whether any column of the rows has a semantic path. */
  public boolean present() {
    return dimension > 0;
  }

  /** Rows of {@link #table}, the zero row included. */
  public int tableRows() {
    return dimension == 0 ? 0 : table.length / dimension;
  }

  /** The cells as int64 table rows, the form an embedding lookup takes. */
  public long[] rowsAsLongs() {
    long[] out = new long[rows.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[i];
    }
    return out;
  }

  /** Per cell, 1 where {@code use} equals the given use, else 0. */
  public float[] where(byte which) {
    float[] out = new float[use.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = use[i] == which ? 1f : 0f;
    }
    return out;
  }

  /**
   * The cells of the given rows, in order, with a table holding only the vectors they use (in
   * order of first use, so the same rows give the same table).
   */
  SentenceCells select(int[] rowIndices, int columns) {
    if (!present()) {
      return this;
    }
    int n = rowIndices.length;
    int[] selectedRows = new int[n * columns];
    byte[] selectedUse = new byte[n * columns];
    int[] remap = new int[tableRows()];
    Arrays.fill(remap, -1);
    remap[0] = 0;
    int used = 1;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < columns; c++) {
        int from = rowIndices[i] * columns + c;
        int row = rows[from];
        if (remap[row] < 0) {
          remap[row] = used++;
        }
        selectedRows[i * columns + c] = remap[row];
        selectedUse[i * columns + c] = use[from];
      }
    }
    float[] selectedTable = new float[used * dimension];
    for (int row = 1; row < remap.length; row++) {
      if (remap[row] > 0) {
        System.arraycopy(table, row * dimension, selectedTable, remap[row] * dimension,
            dimension);
      }
    }
    return new SentenceCells(dimension, selectedRows, selectedUse, selectedTable);
  }
}
