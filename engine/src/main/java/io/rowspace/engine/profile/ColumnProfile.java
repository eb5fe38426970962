package io.rowspace.engine.profile;

/**
 * What profiling found in one column, and whether (and how) the model uses it.
 *
 * @param name column name
 * @param jdbcType type code from {@link java.sql.Types}
 * @param sqlTypeName the database's type name
 * @param detectedType the detected type
 * @param encoder how the column is encoded, e.g. {@code categorical(embedding, 12 values)}
 * @param used whether the model uses the column
 * @param reason why the column is excluded; {@code null} when it is used
 * @param rows rows profiled
 * @param missing NULL (or blank, for non-text columns) values
 * @param unparseable values that could not be read as the column's detected type (e.g.
 *     {@code "thirty"} among numbers, or a non-address among emails); the encoders count them as
 *     missing
 * @param distinct distinct parseable values
 */
public record ColumnProfile(
    String name,
    int jdbcType,
    String sqlTypeName,
    DetectedType detectedType,
    String encoder,
    boolean used,
    String reason,
    long rows,
    long missing,
    long unparseable,
    long distinct) {

  /** How values of this column are parsed, following its SQL type and detected type. */
  public ValueKind valueKind() {
    ValueKind kind = ValueKind.of(jdbcType);
    if (detectedType == DetectedType.BOOLEAN) {
      return ValueKind.BOOLEAN;
    }
    if (detectedType == DetectedType.TIMESTAMP) {
      return ValueKind.TEMPORAL;
    }
    if (detectedType == DetectedType.SCALAR && kind == ValueKind.TEXT) {
      return ValueKind.NUMBER;
    }
    return kind;
  }

  /** The same profile with another description of its encoder. */
  public ColumnProfile withEncoder(String description) {
    return new ColumnProfile(name, jdbcType, sqlTypeName, detectedType, description, used, reason,
        rows, missing, unparseable, distinct);
  }

  /** The same profile under another name (the column as another database spells it). */
  public ColumnProfile withName(String newName) {
    return new ColumnProfile(newName, jdbcType, sqlTypeName, detectedType, encoder, used, reason,
        rows, missing, unparseable, distinct);
  }

  /** The same counts, the column excluded for the given reason. */
  public ColumnProfile excluded(String why) {
    return new ColumnProfile(name, jdbcType, sqlTypeName, DetectedType.EXCLUDED, "none", false,
        why, rows, missing, unparseable, distinct);
  }
}
