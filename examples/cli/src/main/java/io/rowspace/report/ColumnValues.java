package io.rowspace.report;

import io.rowspace.error.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one column of a space's root table by row key, to colour the 3-D view: numbers as
 * {@code Double}, anything else as its text.
 *
 * @param column the column's name as stored
 * @param byKey the row key (key column values joined by {@code ", "}) to the value
 */
record ColumnValues(String column, Map<String, Object> byKey) {

  /**
   * Reads {@code column} (any case) of {@code table} by {@code keyColumns}.
   *
   * @param required whether a missing column is an error (the user named it) rather than no colour
   * @return the values, or {@code null} when the column is missing and not required, or the space
   *     has no key to match rows by
   * @throws SQLException 42S22 naming the table's columns when a required column is missing
   */
  static ColumnValues read(Connection connection, String table, List<String> keyColumns,
      String column, boolean required) throws SQLException {
    String from = table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?") ? table
        : "\"" + table.replace("\"", "\"\"") + "\"";
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT * FROM " + from + " WHERE 1 = 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
      }
    }
    String stored = names.stream().filter(n -> n.equalsIgnoreCase(column)).findFirst().orElse(null);
    if (stored == null) {
      if (required) {
        throw ErrorCode.REPORT_COLOR_COLUMN.exception(column, table, String.join(", ", names));
      }
      return null;
    }
    if (keyColumns.isEmpty()) {
      if (required) {
        throw ErrorCode.REPORT_ROWS_WITHOUT_KEY.exception(stored);
      }
      return null;
    }
    StringBuilder select = new StringBuilder("SELECT ");
    for (String key : keyColumns) {
      select.append(quote(key)).append(", ");
    }
    select.append(quote(stored)).append(" FROM ").append(from);
    Map<String, Object> byKey = new HashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(select.toString())) {
      int valueAt = keyColumns.size() + 1;
      while (rs.next()) {
        List<String> key = new ArrayList<>();
        for (int k = 1; k < valueAt; k++) {
          key.add(String.valueOf(rs.getObject(k)));
        }
        Object value = rs.getObject(valueAt);
        byKey.put(String.join(", ", key), value instanceof Number n ? (Object) n.doubleValue()
            : value == null ? null : value.toString());
      }
    }
    return new ColumnValues(stored, byKey);
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
