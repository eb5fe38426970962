package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the columns of a query as the backing database gives them (a plain connection to it)
 * with the same columns through Rowspace beside a model call: per column the JDBC type, type name
 * and class name, and per value the class of {@code getObject}, the value itself (arrays by their
 * elements, bytes by their contents) and {@code getString}. Rows are matched by their first
 * column, a key, so the query through Rowspace may order its rows differently.
 */
final class DatabaseTypesCheck {
  private final Connection direct;
  private final Connection rowspace;

  DatabaseTypesCheck(Connection direct, Connection rowspace) {
    this.direct = direct;
    this.rowspace = rowspace;
  }

  /**
   * {@code plain} runs on the database; {@code withModel} through Rowspace, with its model-call
   * columns last, after the columns of {@code plain}. {@code notTheDatabasesText}: labels of
   * columns whose {@code getString} is not compared (known differences, named where called).
   */
  void check(String plain, String withModel, Set<String> notTheDatabasesText)
      throws SQLException {
    Result want = read(direct, plain, notTheDatabasesText);
    Result got = read(rowspace, withModel, notTheDatabasesText);
    List<String> failures = new ArrayList<>();
    for (int c = 0; c < want.columns.size(); c++) {
      if (!want.columns.get(c).equals(got.columns.get(c))) {
        failures.add("column " + (c + 1) + ": the database says " + want.columns.get(c)
            + ", through Rowspace " + got.columns.get(c));
      }
    }
    assertEquals(want.rows.keySet(), got.rows.keySet(), () -> "row keys of " + withModel);
    for (Map.Entry<String, List<List<Object>>> row : want.rows.entrySet()) {
      List<List<Object>> other = got.rows.get(row.getKey());
      for (int c = 0; c < row.getValue().size(); c++) {
        List<Object> a = row.getValue().get(c);
        List<Object> b = other.get(c).subList(0, a.size());
        if (!a.equals(b)) {
          failures.add("row " + row.getKey() + ", column " + want.columns.get(c)
              + ": the database says " + a + ", through Rowspace " + b);
        }
      }
    }
    assertTrue(failures.isEmpty(), withModel + "\n" + String.join("\n", failures));
  }

  private record Result(List<String> columns, Map<String, List<List<Object>>> rows) {
  }

  private static Result read(Connection connection, String sql, Set<String> notText)
      throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i) + " " + meta.getColumnType(i) + " "
            + meta.getColumnTypeName(i) + " " + meta.getColumnClassName(i));
      }
      Map<String, List<List<Object>>> rows = new TreeMap<>();
      while (rs.next()) {
        List<List<Object>> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          String className = value == null ? "null" : value.getClass().getName();
          String text = notText.contains(meta.getColumnLabel(i)) ? "-" : rs.getString(i);
          row.add(List.of(className, comparable(value), String.valueOf(text)));
        }
        rows.put(rs.getString(1), row);
      }
      return new Result(columns, rows);
    }
  }

  private static Object comparable(Object value) throws SQLException {
    if (value instanceof Array array) {
      return Arrays.deepToString((Object[]) array.getArray()) + " of "
          + array.getBaseTypeName();
    }
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    return value == null ? "null" : value;
  }
}
