package io.rowspace.sql.catalog;

import java.math.BigDecimal;

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
