package io.rowspace.cli;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * The text a result cell is shown as in the table and CSV formats: the value's own
 * {@code toString}, arrays as {@code [a, b, c]}, binary values in hex, character LOBs read out.
 * SQL NULL is Java {@code null}; each format decides how to show it.
 */
final class CellText {
  private CellText() {
  }

  /** The text of column {@code column} (1-based) of the current row, or null for SQL NULL. */
  static String of(ResultSet rs, int column) throws SQLException {
    return of(rs.getObject(column));
  }

  static String of(Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof Array) {
      Array array = (Array) value;
      return of(array.getArray());
    }
    if (value instanceof Clob) {
      Clob clob = (Clob) value;
      return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
    }
    if (value instanceof Blob) {
      Blob blob = (Blob) value;
      return HexFormat.of().formatHex(blob.getBytes(1, (int) Math.min(Integer.MAX_VALUE, blob.length())));
    }
    if (value instanceof byte[]) {
      return HexFormat.of().formatHex((byte[]) value);
    }
    if (value.getClass().isArray()) {
      StringJoiner joined = new StringJoiner(", ", "[", "]");
      int length = java.lang.reflect.Array.getLength(value);
      for (int i = 0; i < length; i++) {
        String element = of(java.lang.reflect.Array.get(value, i));
        joined.add(element == null ? "NULL" : element);
      }
      return joined.toString();
    }
    return value.toString();
  }
}
