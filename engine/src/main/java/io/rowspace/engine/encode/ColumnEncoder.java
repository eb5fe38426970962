package io.rowspace.engine.encode;

import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Turns the values of one column into model inputs: an index into the column's slice of the shared
 * embedding table (slot 0 is the column's learned "missing" embedding) and, for scalars, a few
 * numeric features. Statistics are learned from training rows once and then fixed, so inference
 * encodes exactly as training did.
 */
public abstract sealed class ColumnEncoder permits ScalarEncoder, CategoricalEncoder {
  /** Numeric features per column token (zero for categorical columns). */
  public static final int FEATURES = 3;
  /** Key of a missing value in same-value comparisons. */
  static final float MISSING_KEY = -Float.MAX_VALUE;

  private final String name;
  private final ValueKind kind;

  ColumnEncoder(String name, ValueKind kind) {
    this.name = name;
    this.kind = kind;
  }

  /** Creates the encoder a profile calls for, learning its statistics from the given values. */
  public static ColumnEncoder fit(ColumnProfile profile, Object[] values) {
    return switch (profile.detectedType()) {
      case SCALAR -> ScalarEncoder.fit(profile.name(), profile.valueKind(), values);
      case CATEGORICAL, BOOLEAN ->
          CategoricalEncoder.fit(profile.name(), profile.valueKind(), values);
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
   * @param features {@link #FEATURES} numeric features are written here from {@code offset}
   * @param offset where this value's features start
   * @return the slot index within this column's vocabulary, or -1 when the value is present but
   *     cannot be parsed (the caller counts it and encodes it as missing)
   */
  abstract int encode(Object value, float[] features, int offset);

  /** A key that is equal for two values exactly when they encode to the same target. */
  abstract float sameValueKey(Object value, int slot);

  boolean isMissing(Object value) {
    return ValueParser.isMissing(value, kind);
  }

  abstract void write(DataOutput out) throws IOException;

  static ColumnEncoder read(DataInput in) throws IOException {
    int type = in.readByte();
    String name = in.readUTF();
    ValueKind kind = ValueKind.valueOf(in.readUTF());
    return switch (type) {
      case 1 -> ScalarEncoder.read(name, kind, in);
      case 2 -> CategoricalEncoder.read(name, kind, in);
      default -> throw new IOException("unknown column encoder type " + type);
    };
  }
}
