package io.rowspace.engine.predictor.train;

/**
 * The rows of one fold of a cross-fitting and the rows of the others, as the cross-fitted linear
 * model ({@link CrossFittedLinear}) and the out-of-fold members ({@link OutOfFoldMembers}) split
 * them, and the feature rows of either gathered into one array.
 */
final class FoldRows {
  private FoldRows() {
  }

  /**
   * The rows of the other folds and the rows of fold {@code f}, each in {@code rows}' order.
   *
   * @param fold per row of the data, its fold
   * @return {others, held}
   */
  static int[][] split(int[] rows, int[] fold, int f) {
    int inFold = 0;
    for (int r : rows) {
      if (fold[r] == f) {
        inFold++;
      }
    }
    int[] others = new int[rows.length - inFold];
    int[] held = new int[inFold];
    int a = 0;
    int b = 0;
    for (int r : rows) {
      if (fold[r] == f) {
        held[b++] = r;
      } else {
        others[a++] = r;
      }
    }
    return new int[][] {others, held};
  }

  /** The {@code width} features of each of {@code rows}, one after another. */
  static float[] gather(float[] x, int width, int[] rows) {
    float[] out = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x, rows[i] * width, out, i * width, width);
    }
    return out;
  }
}
