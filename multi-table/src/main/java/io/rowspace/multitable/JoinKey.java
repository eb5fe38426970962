package io.rowspace.multitable;

import java.math.BigDecimal;

/**
 * The value of join columns as text that compares equal across column types: 7 read from an
 * INTEGER key and 7 from a BIGINT foreign key are the same key, and so are {@code 'A '} from a
 * CHAR column and {@code 'A'} from a VARCHAR one.
 */
final class JoinKey {
  private static final char SEPARATOR = '\u001f';

  private JoinKey() {
  }

  /** The key of one row's join values, or null when any of them is null (it joins nothing). */
  static String of(Object[] row, int[] columns) {
    if (columns.length == 1) {
      return of(row[columns[0]]);
    }
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      String part = of(row[columns[i]]);
      if (part == null) {
        return null;
      }
      if (i > 0) {
        key.append(SEPARATOR);
      }
      key.append(part);
    }
    return key.toString();
  }

  /** The key text of one value, or null for null. */
  static String of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return Long.toString(((Number) value).longValue());
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return value.toString().stripTrailing();
  }
}
