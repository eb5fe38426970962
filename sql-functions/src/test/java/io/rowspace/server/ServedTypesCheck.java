package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the same query on an embedded Rowspace connection and over a Rowspace server and compares
 * what an application sees: per column the label, JDBC type, type name, class name, precision,
 * scale, nullability and sign, before execution (a prepared statement's metadata) and after; per
 * value the class of {@code getObject}, the value (arrays by their elements and base type, LOBs
 * and bytes by their contents), {@code getString} and the getter of the column's JDBC type
 * ({@code getTimestamp}, {@code getBigDecimal}, ...), NULLs included. A driver's own object that
 * the client cannot rebuild (H2's {@code Interval}, which has no public way to be made from its
 * text) must come as its text.
 */
final class ServedTypesCheck {
  private final Connection embedded;
  private final Connection remote;

  ServedTypesCheck(Connection embedded, Connection remote) {
    this.embedded = embedded;
    this.remote = remote;
  }

  /** Compares {@code sql} run as a statement and as a prepared statement; returns its rows. */
  int check(String sql) throws SQLException {
    List<String> failures = new ArrayList<>();
    List<List<Object>> want;
    List<List<Object>> got;
    try (Statement a = embedded.createStatement(); ResultSet rows = a.executeQuery(sql)) {
      want = read(rows);
    }
    try (Statement b = remote.createStatement(); ResultSet rows = b.executeQuery(sql)) {
      got = read(rows);
    }
    compare("statement", want, got, failures);
    try (PreparedStatement a = embedded.prepareStatement(sql);
         PreparedStatement b = remote.prepareStatement(sql)) {
      List<Object> before = columns(a.getMetaData());
      List<Object> remoteBefore = columns(b.getMetaData());
      if (!before.equals(remoteBefore)) {
        failures.add("prepared metadata: embedded " + before + "\n over the server " + remoteBefore);
      }
      try (ResultSet rows = b.executeQuery()) {
        compare("prepared", want, read(rows), failures);
      }
    }
    assertTrue(failures.isEmpty(), sql + "\n" + failures.size() + " differences, the first:\n"
        + String.join("\n", failures.subList(0, Math.min(8, failures.size()))));
    return want.size() - 1;
  }

  private static void compare(String sql, List<List<Object>> want, List<List<Object>> got,
      List<String> failures) {
    assertEquals(want.size(), got.size(), () -> "rows of the " + sql);
    for (int r = 0; r < want.size(); r++) {
      List<Object> a = want.get(r);
      List<Object> b = got.get(r);
      for (int c = 0; c < a.size(); c++) {
        if (!a.get(c).equals(b.get(c))) {
          failures.add(sql + ": " + (r == 0 ? "metadata" : "row " + r) + ", column " + (c + 1)
              + ": embedded " + a.get(c) + ", over the server " + b.get(c));
        }
      }
    }
  }

  /** The metadata as the first row, then one row per result row. */
  private static List<List<Object>> read(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<List<Object>> result = new ArrayList<>();
    result.add(columns(meta));
    while (rows.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        Object value = rows.getObject(i);
        boolean wasNull = rows.wasNull();
        row.add(List.of(kind(value), comparable(value), String.valueOf(rows.getString(i)),
            typed(rows, i, meta.getColumnType(i), meta.getColumnClassName(i)), wasNull));
      }
      result.add(row);
    }
    return result;
  }

  private static List<Object> columns(ResultSetMetaData meta) throws SQLException {
    List<Object> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i) + " " + meta.getColumnType(i) + " "
          + meta.getColumnTypeName(i) + " " + meta.getColumnClassName(i) + " ("
          + meta.getPrecision(i) + ", " + meta.getScale(i) + ") nullable "
          + meta.isNullable(i) + " signed " + meta.isSigned(i));
    }
    return columns;
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Array) {
      return "java.sql.Array";
    }
    if (value instanceof Clob) {
      return "java.sql.Clob";
    }
    if (value instanceof Blob) {
      return "java.sql.Blob";
    }
    String name = value.getClass().getName();
    return name.startsWith("org.h2.api.") ? String.class.getName() : name;
  }

  private static Object comparable(Object value) throws SQLException {
    if (value instanceof Array array) {
      Object elements = array.getArray();
      return Arrays.deepToString((Object[]) elements) + " " + elements.getClass().getName()
          + " of " + array.getBaseTypeName() + " " + array.getBaseType();
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    if (value instanceof Blob blob) {
      return Arrays.toString(blob.getBytes(1, (int) blob.length()));
    }
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    if (value != null && value.getClass().getName().startsWith("org.h2.api.")) {
      return value.toString();
    }
    return value == null ? "null" : value;
  }

  /** The value through the getter of the column's JDBC type. */
  private static String typed(ResultSet rows, int i, int type, String className)
      throws SQLException {
    Object value;
    switch (byte[].class.getName().equals(className) ? Types.VARBINARY
        : type == Types.BINARY ? Types.OTHER : type) {
    case Types.TIMESTAMP:
      value = rows.getTimestamp(i);
      break;
    case Types.DATE:
      value = rows.getDate(i);
      break;
    case Types.TIME:
      java.sql.Time time = rows.getTime(i);
      value = time == null ? null : time.getTime();
      break;
    case Types.DECIMAL:
    case Types.NUMERIC:
      value = rows.getBigDecimal(i);
      break;
    case Types.DOUBLE:
    case Types.FLOAT:
    case Types.REAL:
      value = rows.getDouble(i);
      break;
    case Types.BOOLEAN:
    case Types.BIT:
      value = rows.getBoolean(i);
      break;
    case Types.BINARY:
    case Types.VARBINARY:
    case Types.LONGVARBINARY:
      byte[] bytes = rows.getBytes(i);
      value = bytes == null ? null : Arrays.toString(bytes);
      break;
    case Types.INTEGER:
    case Types.SMALLINT:
    case Types.TINYINT:
    case Types.BIGINT:
      value = rows.getLong(i);
      break;
    default:
      value = "-";
    }
    return String.valueOf(value);
  }
}
