package io.rowspace.engine.encode;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.text.SentenceModel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The encoders of all used columns of a space, in token order. Each column owns a contiguous slice
 * of one shared embedding table, so a whole batch is embedded with a single lookup.
 *
 * <p>A row encoder produces a fixed number of slots and features per cell: the current
 * {@link ColumnEncoder#SLOTS} and {@link ColumnEncoder#FEATURES}, or the narrower layout of spaces
 * saved in format version 1, whose encoders wrote their features in the same leading positions.
 */
public final class RowEncoder {
  private final List<ColumnEncoder> encoders;
  private final int[] offsets;
  private final int vocabularySize;
  private final int slots;
  private final int features;

  /** A row encoder with the current layout of slots and features. */
  public RowEncoder(List<ColumnEncoder> encoders) {
    this(encoders, ColumnEncoder.SLOTS, ColumnEncoder.FEATURES);
  }

  /**
   * A row encoder producing the given numbers of slots and features per cell.
   *
   * @throws IllegalArgumentException when they exceed what encoders write
   */
  public RowEncoder(List<ColumnEncoder> encoders, int slots, int features) {
    if (slots < 1 || slots > ColumnEncoder.SLOTS || features < 1
        || features > ColumnEncoder.FEATURES) {
      throw new IllegalArgumentException("Row encoder needs 1.." + ColumnEncoder.SLOTS
          + " slots and 1.." + ColumnEncoder.FEATURES + " features, got " + slots + " and "
          + features + ".");
    }
    this.slots = slots;
    this.features = features;
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

  /** Embedding slots per cell. */
  public int slots() {
    return slots;
  }

  /** Numeric features per cell. */
  public int features() {
    return features;
  }

  /**
   * Length of the sentence vectors the rows carry: {@link SentenceModel#DIMENSION} when a column
   * has a semantic path, else 0.
   */
  public int sentenceDimension() {
    for (ColumnEncoder e : encoders) {
      if (e.sentences() != null) {
        return SentenceModel.DIMENSION;
      }
    }
    return 0;
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
   * unparseable values are encoded as missing and counted. Values of semantic columns that have
   * no sentence vector yet are embedded by the sentence model, in one batch per column.
   */
  public EncodedRows encode(Frame frame) {
    return encode(frame, true);
  }

  /**
   * Encodes all rows of a frame.
   *
   * @param embedUnseen whether values of semantic columns without a stored or cached sentence
   *     vector are embedded now; training passes false, since the values it did not embed are
   *     those beyond the cap on embedded values
   */
  public EncodedRows encode(Frame frame, boolean embedUnseen) {
    int n = frame.rowCount();
    int cols = encoders.size();
    int[] index = new int[n * cols * slots];
    float[] values = new float[n * cols * features];
    float[] keys = new float[n * cols];
    long[] unparseable = new long[cols];
    boolean[] absent = new boolean[cols];
    int[] cellSlots = new int[ColumnEncoder.SLOTS];
    float[] cellFeatures = new float[ColumnEncoder.FEATURES];
    int dimension = sentenceDimension();
    int[] sentenceRows = new int[dimension == 0 ? 0 : n * cols];
    byte[] sentenceUse = new byte[sentenceRows.length];
    Map<float[], Integer> tableRows = new IdentityHashMap<>();
    List<float[]> table = new ArrayList<>();
    for (int c = 0; c < cols; c++) {
      ColumnEncoder encoder = encoders.get(c);
      int source = frame.indexOf(encoder.name());
      absent[c] = source < 0;
      Object[] column = source < 0 ? null : frame.column(source);
      SentenceVectors sentences = encoder.sentences();
      String[] sentenceKeys = sentences == null ? null : new String[n];
      byte[] use = sentences == null ? null : new byte[n];
      for (int r = 0; r < n; r++) {
        Object v = column == null ? null : column[r];
        Arrays.fill(cellFeatures, 0f);
        int slot = encoder.encode(v, cellSlots, cellFeatures);
        if (slot < 0) {
          unparseable[c]++;
          slot = 0;
          Arrays.fill(cellSlots, 0);
          Arrays.fill(cellFeatures, 0f);
        }
        int cell = r * cols + c;
        for (int s = 0; s < slots; s++) {
          index[cell * slots + s] = offsets[c] + cellSlots[s];
        }
        System.arraycopy(cellFeatures, 0, values, cell * features, features);
        keys[cell] = encoder.sameValueKey(v, slot);
        if (sentences != null) {
          use[r] = encoder.sentenceUse(slot);
          sentenceKeys[r] = use[r] == SentenceCells.NONE ? null
              : ValueParser.key(v, encoder.kind());
        }
      }
      if (sentences != null) {
        float[][] vectors = sentences.lookup(sentenceKeys, embedUnseen);
        for (int r = 0; r < n; r++) {
          if (vectors[r] == null) {
            continue;
          }
          Integer row = tableRows.get(vectors[r]);
          if (row == null) {
            table.add(vectors[r]);
            row = table.size();
            tableRows.put(vectors[r], row);
          }
          sentenceRows[r * cols + c] = row;
          sentenceUse[r * cols + c] = use[r];
        }
      }
    }
    SentenceCells sentenceCells = SentenceCells.none();
    if (dimension > 0) {
      float[] flat = new float[(table.size() + 1) * dimension];
      for (int i = 0; i < table.size(); i++) {
        System.arraycopy(table.get(i), 0, flat, (i + 1) * dimension, dimension);
      }
      sentenceCells = new SentenceCells(dimension, sentenceRows, sentenceUse, flat);
    }
    return new EncodedRows(n, cols, slots, features, index, values, keys, unparseable, absent,
        sentenceCells);
  }

  /** The same encoders, each column under the name {@code names} gives it. */
  public RowEncoder renamed(UnaryOperator<String> names) {
    return new RowEncoder(encoders.stream().map(e -> e.renamed(names.apply(e.name()))).toList(),
        slots, features);
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(encoders.size());
    for (ColumnEncoder e : encoders) {
      e.write(out);
    }
  }

  /** Reads encoders written by {@link #write}, producing the given slots and features per cell. */
  public static RowEncoder read(DataInput in, int slots, int features) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000) {
      throw new IOException("row encoder has " + n + " columns");
    }
    List<ColumnEncoder> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(ColumnEncoder.read(in));
    }
    return new RowEncoder(list, slots, features);
  }
}
