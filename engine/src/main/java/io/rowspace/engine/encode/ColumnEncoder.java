package io.rowspace.engine.encode;

import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.store.ModelFile;
import io.rowspace.engine.text.SentenceModel;
import io.rowspace.error.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Turns the values of one column into model inputs: {@link #SLOTS} indices into the column's slice
 * of the shared embedding table, whose embeddings are averaged (slot 0 is the column's learned
 * "missing" embedding; a column with one embedding per value repeats it), and up to
 * {@link #FEATURES} numeric features. Statistics are learned from training rows once and then
 * fixed, so inference encodes exactly as training did.
 */
public abstract sealed class ColumnEncoder
    permits ScalarEncoder, CategoricalEncoder, TimestampEncoder, EmailEncoder, UrlEncoder,
    TextEncoder {
  /** Numeric features per column token; unused ones are zero. */
  public static final int FEATURES = 9;
  /** Embedding slots per column token, averaged: e.g. an email's domain and top-level domain. */
  public static final int SLOTS = 2;
  /** Features and slots of spaces saved in format version 1, before timestamps and emails. */
  public static final int LEGACY_FEATURES = 3;
  public static final int LEGACY_SLOTS = 1;
  /** Key of a missing value in same-value comparisons. */
  static final float MISSING_KEY = -Float.MAX_VALUE;

  private final String name;
  private final ValueKind kind;

  ColumnEncoder(String name, ValueKind kind) {
    this.name = name;
    this.kind = kind;
  }

  /**
   * Creates the encoder a profile calls for, learning its statistics from the given values,
   * without a semantic path.
   */
  public static ColumnEncoder fit(ColumnProfile profile, Object[] values) {
    return fit(profile, values, null);
  }

  /**
   * Creates the encoder a profile calls for, learning its statistics from the given values.
   *
   * @param sentences the sentence model for a semantic path (category labels and free text), or
   *     null for none; the values' vectors are computed here, most frequent values first
   */
  public static ColumnEncoder fit(ColumnProfile profile, Object[] values,
      SentenceModel sentences) {
    return switch (profile.detectedType()) {
      case SCALAR -> ScalarEncoder.fit(profile.name(), profile.valueKind(), values);
      case CATEGORICAL -> CategoricalEncoder.fit(profile.name(), profile.valueKind(), values,
          profile.valueKind() == ValueKind.TEXT ? sentences : null);
      case BOOLEAN -> CategoricalEncoder.fit(profile.name(), profile.valueKind(), values, null);
      case TEXT -> TextEncoder.fit(profile.name(), values, sentences);
      case TIMESTAMP -> TimestampEncoder.fit(profile.name(), values);
      case EMAIL -> EmailEncoder.fit(profile.name(), values);
      case URL -> UrlEncoder.fit(profile.name(), values);
      case EXCLUDED -> throw new IllegalArgumentException(
          "Column '" + profile.name() + "' is excluded and has no encoder.");
    };
  }

  public String name() {
    return name;
  }

  public ValueKind kind() {
    return kind;
  }

  /** Number of embedding slots this column owns, including the missing slot. */
  public abstract int vocabularySize();

  /**
   * Encodes one value.
   *
   * @param value the raw value
   * @param slots {@link #SLOTS} slot indices within this column's vocabulary are written here
   * @param features {@link #FEATURES} numeric features are written here, all zero beforehand
   * @return the first slot index, or -1 when the value is present but cannot be parsed (the
   *     caller counts it and encodes it as missing)
   */
  abstract int encode(Object value, int[] slots, float[] features);

  /**
   * How far a value lies beyond where this column's values are extreme, in robust standard
   * deviations; 0 for values that are not extreme, missing or unreadable. Only numeric columns
   * have such a fence; others give 0.
   */
  public double extremeness(Object value) {
    return 0;
  }

  /**
   * The sentence vectors of this column's values, or null when the column has no semantic path.
   */
  public SentenceVectors sentences() {
    return null;
  }

  /**
   * How a cell encoded to the given first slot uses its value's sentence vector, when it has one:
   * {@link SentenceCells#GATED} or {@link SentenceCells#ALONE}; {@link SentenceCells#NONE} for
   * columns without a semantic path and for missing values.
   */
  byte sentenceUse(int slot) {
    return SentenceCells.NONE;
  }

  /** What the values are read as, for messages: "numbers", "email addresses"... */
  public String readsAs() {
    return switch (kind) {
      case NUMBER -> "numbers";
      case BOOLEAN -> "true/false values";
      case TEMPORAL -> "dates or timestamps";
      default -> "text";
    };
  }

  /** Whether a present value can be read; values that cannot are encoded as missing. */
  public boolean readable(Object value) {
    return isMissing(value) || encode(value, new int[SLOTS], new float[FEATURES]) >= 0;
  }

  /** Writes one slot into every slot position, for columns with one embedding per value. */
  static int single(int slot, int[] slots) {
    java.util.Arrays.fill(slots, slot);
    return slot;
  }

  /** A key that is equal for two values exactly when they encode to the same target. */
  abstract float sameValueKey(Object value, int slot);

  boolean isMissing(Object value) {
    return ValueParser.isMissing(value, kind);
  }

  abstract void write(DataOutput out) throws IOException;

  static ColumnEncoder read(DataInput in) throws IOException {
    int type = in.readByte();
    String name = ModelFile.readText(in);
    return read(type, name, in);
  }

  /**
   * The same encoder (statistics, vocabulary, sentence vectors) for a column of another name:
   * written and read back under the new name, so it encodes exactly as this one does.
   */
  public ColumnEncoder renamed(String newName) {
    if (newName.equals(name)) {
      return this;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      write(out);
      out.flush();
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
      int type = in.readByte();
      ModelFile.readText(in);
      return read(type, newName, in);
    } catch (IOException e) {
      throw ErrorCode.ENCODER_RENAME.failure(e, name, e.getMessage());
    }
  }

  private static ColumnEncoder read(int type, String name, DataInput in) throws IOException {
    ValueKind kind = ValueKind.valueOf(ModelFile.readText(in));
    return switch (type) {
      case 1 -> ScalarEncoder.read(name, kind, in);
      case 2 -> CategoricalEncoder.read(name, kind, in);
      case 3 -> TimestampEncoder.read(name, in);
      case 4 -> EmailEncoder.read(name, in);
      case 5 -> UrlEncoder.read(name, in);
      case 6 -> CategoricalEncoder.readWithSentences(name, kind, in);
      case 7 -> TextEncoder.read(name, in);
      default -> throw new IOException("unknown column encoder type " + type);
    };
  }
}
