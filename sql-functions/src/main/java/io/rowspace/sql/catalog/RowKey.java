package io.rowspace.sql.catalog;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;

/**
 * The text form of a row's key, as stored with its embedding and as looked up by
 * {@code SIMILAR_ROWS}: numbers in plain canonical form ({@code 7}, not {@code 7.0}), other
 * values as their string, the parts of a composite key joined by a unit separator.
 */
public final class RowKey {
  private static final char SEPARATOR = '\u001f';

  private RowKey() {
  }

  public static String of(Object[] keyValues) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < keyValues.length; i++) {
      if (i > 0) {
        key.append(SEPARATOR);
      }
      key.append(part(keyValues[i]));
    }
    return key.toString();
  }

  /** The parts of a key made by {@link #of}. */
  public static List<String> parts(String key) {
    return List.of(key.split(String.valueOf(SEPARATOR), -1));
  }

  /** A key part back as a value of its column's JDBC type, to bind or to return. */
  public static Object typed(String part, int jdbcType) {
    switch (jdbcType) {
    case Types.TINYINT:
    case Types.SMALLINT:
    case Types.INTEGER:
    case Types.BIGINT:
      return Long.parseLong(part);
    case Types.DECIMAL:
    case Types.NUMERIC:
      return new BigDecimal(part);
    case Types.REAL:
    case Types.FLOAT:
    case Types.DOUBLE:
      return Double.parseDouble(part);
    default:
      return part;
    }
  }

  /** The canonical text of one key value; numeric text is normalised like numbers. */
  public static String part(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number || value instanceof String) {
      String text = value.toString().trim();
      try {
        BigDecimal number = value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(text);
        return number.stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return value.toString();
      }
    }
    return value.toString();
  }
}
