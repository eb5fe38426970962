package io.rowspace.engine.nn;

/**
 * How many rows a batch runs with so that each row's result does not depend on the rows beside
 * it. PyTorch's CPU matrix products take different kernels for a lone row (matrix-vector) and for
 * row counts that leave a partial block of the kernel, and those round sums differently in the
 * last bits. Running every batch with a multiple of {@link #BLOCK} rows, padded with copies of
 * its last row, makes a row's outputs identical whether it is evaluated alone or among thousands
 * (checked by {@code BatchInvarianceTest}).
 */
public final class BatchPadding {
  /** Rows per block of the CPU kernels; a multiple of the blocks seen on AVX2 and AVX-512. */
  public static final int BLOCK = 8;

  private BatchPadding() {
  }

  /** The row count a batch of {@code rows} rows runs with: the next multiple of the
   * block (none for an empty batch). */
  public static int rows(int rows) {
    if (rows == 0) {
      return 0;
    }
    return Math.max(BLOCK, (rows + BLOCK - 1) / BLOCK * BLOCK);
  }

  /**
   * Row-major values of {@code rows} rows of {@code width} values, extended to {@code padded}
   * rows with copies of the last row; the same array when no row is added.
   */
  public static float[] repeatLastRow(float[] values, int rows, int width, int padded) {
    if (padded == rows) {
      return values;
    }
    float[] out = java.util.Arrays.copyOf(values, padded * width);
    for (int r = rows; r < padded; r++) {
      System.arraycopy(values, (rows - 1) * width, out, r * width, width);
    }
    return out;
  }
}
