package io.rowspace.engine.space.train;

import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.encode.ScalarEncoder;

import java.util.List;

/**
 * What the scalar reconstruction term predicts: for each numeric column, a cell's standardised
 * value (the scalar encoder's first feature, {@code (x - mean) / std} clipped to [-5, 5]), and
 * whether the cell has one (missing and unreadable cells have none and are not scored). Columns
 * of other kinds are never scored.
 */
final class ScalarTargets {
  /** Targets of a batch, (B, C) row-major, and 1 where a cell is scored, else 0. */
  record Cells(float[] values, float[] observed) {}

  private final boolean[] scalar;
  private final int[] missingSlot;

  private ScalarTargets(boolean[] scalar, int[] missingSlot) {
    this.scalar = scalar;
    this.missingSlot = missingSlot;
  }

  /** The targets of a row encoder's columns; the missing slot of a scalar column is its first. */
  static ScalarTargets of(RowEncoder encoder) {
    List<ColumnEncoder> encoders = encoder.encoders();
    boolean[] scalar = new boolean[encoders.size()];
    int[] missingSlot = new int[encoders.size()];
    int offset = 0;
    for (int c = 0; c < encoders.size(); c++) {
      scalar[c] = encoders.get(c) instanceof ScalarEncoder;
      missingSlot[c] = offset;
      offset += encoders.get(c).vocabularySize();
    }
    return new ScalarTargets(scalar, missingSlot);
  }

  /** Whether any column is scored. */
  boolean any() {
    for (boolean s : scalar) {
      if (s) {
        return true;
      }
    }
    return false;
  }

  /** The scored cells of a batch of encoded rows. */
  Cells of(EncodedRows rows) {
    int b = rows.rows();
    int c = rows.columns();
    float[] values = new float[b * c];
    float[] observed = new float[b * c];
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < c; j++) {
        int cell = r * c + j;
        if (scalar[j] && rows.index()[cell * rows.slots()] != missingSlot[j]) {
          values[cell] = rows.values()[cell * rows.features()];
          observed[cell] = 1f;
        }
      }
    }
    return new Cells(values, observed);
  }
}
