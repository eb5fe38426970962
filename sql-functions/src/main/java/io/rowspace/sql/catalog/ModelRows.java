package io.rowspace.sql.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The catalog rows of one version of a model ({@link ModelKind#tables()}), read column by column
 * so that they can be put back by a rollback or carried to another database by EXPORT. Column
 * names are kept in lower case (H2 and PostgreSQL fold them differently) and each value with its
 * type; columns a catalog lacks are left out when the rows are put back, so rows written by a
 * Rowspace with more catalog columns still go in.
 */
public final class ModelRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Per table, its rows; per row, column name to {@code [type, text]} or null. */
  private final Map<String, List<Map<String, List<String>>>> tables;

  private ModelRows(Map<String, List<Map<String, List<String>>>> tables) {
    this.tables = tables;
  }

  /** Reads the current catalog rows of a model. */
  public static ModelRows read(Connection connection, ModelKind kind, String name)
      throws SQLException {
    Map<String, List<Map<String, List<String>>>> tables = new LinkedHashMap<>();
    for (ModelKind.Table table : kind.tables()) {
      List<Map<String, List<String>>> rows = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM ROWSPACE."
          + table.name() + " WHERE " + where(table))) {
        bind(ps, table, name);
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            Map<String, List<String>> row = new LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT),
                  value(rs, c, meta.getColumnType(c)));
            }
            rows.add(row);
          }
        }
      }
      tables.put(table.name(), rows);
    }
    return new ModelRows(tables);
  }

  /** Deletes the current catalog rows of a model (not its stored bytes). */
  public static void delete(Connection connection, ModelKind kind, String name)
      throws SQLException {
    for (ModelKind.Table table : kind.tables()) {
      try (PreparedStatement ps = connection.prepareStatement("DELETE FROM ROWSPACE."
          + table.name() + " WHERE " + where(table))) {
        bind(ps, table, name);
        ps.executeUpdate();
      }
    }
  }

  /**
   * Inserts the rows under the model name {@code name}, with the values of {@code ownRow}
   * (lower-case column name to value) replacing those of the model's own row.
   */
  public void insert(Connection connection, ModelKind kind, String name,
      Map<String, Object> ownRow) throws SQLException {
    boolean first = true;
    for (ModelKind.Table table : kind.tables()) {
      Map<String, Integer> types = columnTypes(connection, table.name());
      for (Map<String, List<String>> row : tables.getOrDefault(table.name(), List.of())) {
        Map<String, Object> values = new LinkedHashMap<>();
        row.forEach((column, value) -> {
          if (types.containsKey(column)) {
            values.put(column, value == null ? null : parse(value));
          }
        });
        values.put(table.nameColumn(), name);
        if (first) {
          ownRow.forEach((column, value) -> {
            if (types.containsKey(column)) {
              values.put(column, value);
            }
          });
        }
        insertRow(connection, table.name(), values, types);
      }
      first = false;
    }
  }

  /** The value of a column of the model's own row as text, or null. */
  public String own(ModelKind kind, String column) {
    List<Map<String, List<String>>> rows = tables.getOrDefault(kind.tables().get(0).name(),
        List.of());
    if (rows.isEmpty()) {
      return null;
    }
    List<String> value = rows.get(0).get(column);
    return value == null ? null : value.get(1);
  }

  /** Whether the model's own row is there. */
  public boolean hasOwnRow(ModelKind kind) {
    return !tables.getOrDefault(kind.tables().get(0).name(), List.of()).isEmpty();
  }

  /** The rows of one table as column name to text (null where the value is null). */
  public List<Map<String, String>> rows(String table) {
    List<Map<String, String>> result = new ArrayList<>();
    for (Map<String, List<String>> row : tables.getOrDefault(table, List.of())) {
      Map<String, String> texts = new LinkedHashMap<>();
      row.forEach((column, value) -> texts.put(column, value == null ? null : value.get(1)));
      result.add(texts);
    }
    return result;
  }

  /** A catalog column that holds a JSON list of names ({@code key_columns}, {@code tables}). */
  public static List<String> jsonList(String json) {
    return CatalogValues.fromJson(json);
  }

  /** A list of names as such a catalog column holds it. */
  public static String json(List<String> names) {
    return CatalogValues.toJson(names);
  }

  /**
   * These rows with the rows of one table rewritten: {@code rewrite} gets each row's values as
   * text (column name to text, null where null), and the values it changes are put back with
   * their type; rows of other tables stay as they are.
   */
  public ModelRows rewritten(String table, UnaryOperator<Map<String, String>> rewrite) {
    Map<String, List<Map<String, List<String>>>> copy = new LinkedHashMap<>(tables);
    List<Map<String, List<String>>> rows = new ArrayList<>();
    for (Map<String, List<String>> row : tables.getOrDefault(table, List.of())) {
      Map<String, String> texts = new LinkedHashMap<>();
      row.forEach((column, value) -> texts.put(column, value == null ? null : value.get(1)));
      Map<String, String> changed = rewrite.apply(texts);
      Map<String, List<String>> result = new LinkedHashMap<>(row);
      row.forEach((column, value) -> {
        String text = changed.get(column);
        if (value != null && text != null && !text.equals(value.get(1))) {
          result.put(column, List.of(value.get(0), text));
        }
      });
      rows.add(result);
    }
    copy.put(table, rows);
    return new ModelRows(copy);
  }

  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(tables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads rows written by {@link #toBytes()}.
   *
   * @throws IOException if the bytes are not such rows
   */
  public static ModelRows fromBytes(byte[] bytes) throws IOException {
    Map<String, List<Map<String, List<String>>>> tables = JSON.readValue(
        new String(bytes, StandardCharsets.UTF_8),
        new TypeReference<LinkedHashMap<String, List<Map<String, List<String>>>>>() { });
    for (List<Map<String, List<String>>> rows : tables.values()) {
      for (Map<String, List<String>> row : rows) {
        for (List<String> value : row.values()) {
          if (value != null && (value.size() != 2 || value.get(0) == null
              || value.get(0).length() != 1)) {
            throw new IOException("a catalog value is not [type, text]: " + value);
          }
        }
      }
    }
    return new ModelRows(tables);
  }

  private static String where(ModelKind.Table table) {
    return table.nameColumn() + " = ?" + (table.modelKind() == null ? "" : " AND model_kind = ?");
  }

  private static void bind(PreparedStatement ps, ModelKind.Table table, String name)
      throws SQLException {
    ps.setString(1, name);
    if (table.modelKind() != null) {
      ps.setString(2, table.modelKind());
    }
  }

  private static List<String> value(ResultSet rs, int column, int type) throws SQLException {
    String tag;
    String text;
    switch (type) {
    case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
      tag = "i";
      text = Integer.toString(rs.getInt(column));
    }
    case Types.BIGINT -> {
      tag = "l";
      text = Long.toString(rs.getLong(column));
    }
    case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> {
      tag = "d";
      text = Double.toString(rs.getDouble(column));
    }
    case Types.BOOLEAN, Types.BIT -> {
      tag = "b";
      text = Boolean.toString(rs.getBoolean(column));
    }
    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
      Timestamp timestamp = rs.getTimestamp(column);
      tag = "t";
      text = timestamp == null ? null : timestamp.toString();
    }
    default -> {
      tag = "s";
      text = rs.getString(column);
    }
    }
    return rs.wasNull() || text == null ? null : List.of(tag, text);
  }

  private static Object parse(List<String> value) {
    String text = value.get(1);
    return switch (value.get(0)) {
      case "i" -> Integer.valueOf(text);
      case "l" -> Long.valueOf(text);
      case "d" -> Double.valueOf(text);
      case "b" -> Boolean.valueOf(text);
      case "t" -> Timestamp.valueOf(text);
      default -> text;
    };
  }

  /** The columns of a catalog table, lower case, with their JDBC types. */
  private static Map<String, Integer> columnTypes(Connection connection, String table)
      throws SQLException {
    Map<String, Integer> types = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT * FROM ROWSPACE." + table
             + " WHERE 1 = 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        types.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), meta.getColumnType(c));
      }
    }
    return types;
  }

  private static void insertRow(Connection connection, String table, Map<String, Object> values,
      Map<String, Integer> types) throws SQLException {
    String columns = String.join(", ", values.keySet());
    String marks = String.join(", ", values.keySet().stream().map(c -> "?").toList());
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO ROWSPACE." + table
        + " (" + columns + ") VALUES (" + marks + ")")) {
      int i = 1;
      for (Map.Entry<String, Object> e : values.entrySet()) {
        if (e.getValue() == null) {
          ps.setNull(i++, types.get(e.getKey()));
        } else {
          ps.setObject(i++, e.getValue());
        }
      }
      ps.executeUpdate();
    }
  }
}
