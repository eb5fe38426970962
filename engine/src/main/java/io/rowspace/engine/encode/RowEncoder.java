package io.rowspace.engine.encode;

import io.rowspace.engine.data.Frame;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoders of all used columns of a space, in token order. Each column owns a contiguous slice
 * of one shared embedding table, so a whole batch is embedded with a single lookup.
 */
public final class RowEncoder {
  private final List<ColumnEncoder> encoders;
  private final int[] offsets;
  private final int vocabularySize;

  public RowEncoder(List<ColumnEncoder> encoders) {
    this.encoders = List.copyOf(encoders);
    this.offsets = new int[encoders.size()];
    int total = 0;
    for (int c = 0; c < encoders.size(); c++) {
      offsets[c] = total;
      total += encoders.get(c).vocabularySize();
    }
    this.vocabularySize = total;
  }

  public List<ColumnEncoder> encoders() {
    return encoders;
  }

  public int columnCount() {
    return encoders.size();
  }

  /** Size of the shared embedding table. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** Index of the used column with this name, or -1. */
  public int indexOf(String name) {
    for (int c = 0; c < encoders.size(); c++) {
      if (encoders.get(c).name().equals(name)) {
        return c;
      }
    }
    return -1;
  }

  /**
   * Encodes all rows of a frame. Columns of the space that the frame lacks are encoded as missing;
   * unparseable values are encoded as missing and counted.
   */
  public EncodedRows encode(Frame frame) {
    int n = frame.rowCount();
    int cols = encoders.size();
    int[] index = new int[n * cols];
    float[] features = new float[n * cols * ColumnEncoder.FEATURES];
    float[] keys = new float[n * cols];
    long[] unparseable = new long[cols];
    boolean[] absent = new boolean[cols];
    for (int c = 0; c < cols; c++) {
      ColumnEncoder encoder = encoders.get(c);
      int source = frame.indexOf(encoder.name());
      absent[c] = source < 0;
      Object[] values = source < 0 ? null : frame.column(source);
      for (int r = 0; r < n; r++) {
        Object v = values == null ? null : values[r];
        int slot = encoder.encode(v, features, (r * cols + c) * ColumnEncoder.FEATURES);
        if (slot < 0) {
          unparseable[c]++;
          slot = 0;
        }
        index[r * cols + c] = offsets[c] + slot;
        keys[r * cols + c] = encoder.sameValueKey(v, slot);
      }
    }
    return new EncodedRows(n, cols, index, features, keys, unparseable, absent);
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(encoders.size());
    for (ColumnEncoder e : encoders) {
      e.write(out);
    }
  }

  public static RowEncoder read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n <= 0 || n > 100_000) {
      throw new IOException("row encoder has " + n + " columns");
    }
    List<ColumnEncoder> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(ColumnEncoder.read(in));
    }
    return new RowEncoder(list);
  }
}
