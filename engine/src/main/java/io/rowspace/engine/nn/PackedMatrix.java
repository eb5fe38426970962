package io.rowspace.engine.nn;

/**
 * A weight matrix of {@code in x out} values laid out for {@link MatrixKernel}: its columns cut
 * into panels of {@link MatrixKernel#PANEL} columns, each panel's {@code in} rows of
 * {@code PANEL} values stored one after the other, so a product walks every panel front to back
 * while a tile of outputs stays in registers. The last panel, when {@code out} is not a multiple
 * of the panel, holds its columns padded with zeros. Made once per loaded model; immutable.
 */
public final class PackedMatrix {
  private final float[] panels;
  private final int in;
  private final int out;

  private PackedMatrix(float[] panels, int in, int out) {
    this.panels = panels;
    this.in = in;
    this.out = out;
  }

  /** The row-major {@code in x out} matrix starting at {@code offset} of a flat vector, packed. */
  public static PackedMatrix of(float[] flat, long offset, int in, int out) {
    return columns(flat, offset, in, out, 0, out);
  }

  /**
   * Columns {@code [first, first + out)} of the row-major {@code in x width} matrix starting at
   * {@code offset} of a flat vector, packed. A product with them gives, column for column, the
   * bits of the same columns of the whole matrix's product ({@link MatrixKernel} sums each output
   * on its own).
   */
  public static PackedMatrix columns(float[] flat, long offset, int in, int width, int first,
      int out) {
    if (first < 0 || out <= 0 || first + out > width) {
      throw new IllegalArgumentException("columns " + first + ".." + (first + out)
          + " outside a matrix of " + width);
    }
    int p = MatrixKernel.PANEL;
    int count = (out + p - 1) / p;
    float[] panels = new float[Math.multiplyExact(count * p, in)];
    for (int k = 0; k < in; k++) {
      int from = Math.toIntExact(offset + (long) k * width + first);
      for (int j = 0; j < out; j++) {
        panels[(j / p) * in * p + k * p + j % p] = flat[from + j];
      }
    }
    return new PackedMatrix(panels, in, out);
  }

  /** Input rows (the length of the sums). */
  public int in() {
    return in;
  }

  /** Output columns. */
  public int out() {
    return out;
  }

  /**
   * The panels, for the kernels: panel {@code q}'s row {@code k} starts at
   * {@code (q * in + k) * PANEL}.
   */
  float[] panels() {
    return panels;
  }
}
