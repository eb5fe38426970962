package io.rowspace.planner;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.calcite.sql.SqlDialect;

/**
 * Reads tables, columns and keys of the backing database through its JDBC metadata.
 *
 * <p>Names are matched exactly: callers fold unquoted identifiers first, the way the backing
 * database does.
 */
public final class SchemaReader {
  private final Connection connection;
  private final String defaultSchema;
  private final SqlDialect dialect;

  public SchemaReader(Connection connection, String defaultSchema, SqlDialect dialect) {
    this.connection = connection;
    this.defaultSchema = defaultSchema;
    this.dialect = dialect;
  }

  /**
   * Finds a table by name, in {@code schema} or (when null) the default schema.
   *
   * @return the table, or empty if there is none of that name
   */
  public Optional<TableInfo> findTable(String schema, String table) throws SQLException {
    String inSchema = schema == null ? defaultSchema : schema;
    DatabaseMetaData meta = connection.getMetaData();
    boolean exists = false;
    try (ResultSet rs = meta.getTables(null, inSchema, escape(meta, table), null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equals(table)) {
          exists = true;
        }
      }
    }
    if (!exists) {
      return Optional.empty();
    }
    List<ColumnInfo> columns = new ArrayList<>();
    try (ResultSet rs = meta.getColumns(null, inSchema, escape(meta, table), null)) {
      while (rs.next()) {
        if (!rs.getString("TABLE_NAME").equals(table)) {
          continue;
        }
        columns.add(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
            rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"),
            rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
      }
    }
    String qualifier = schema == null ? null : schema;
    TableInfo withoutKey = new TableInfo(qualifier, table, List.copyOf(columns), List.of());
    return Optional.of(new TableInfo(qualifier, table, withoutKey.columns(),
        keyColumns(meta, inSchema, withoutKey)));
  }

  /**
   * The declared foreign keys that involve a table: those it holds (referencing other tables) and
   * those other tables hold referencing it, in a stable order.
   */
  public List<ForeignKey> foreignKeys(String schema, String table) throws SQLException {
    String inSchema = schema == null ? defaultSchema : schema;
    DatabaseMetaData meta = connection.getMetaData();
    Map<String, ForeignKeyColumns> keys = new LinkedHashMap<>();
    try (ResultSet rs = meta.getImportedKeys(null, inSchema, table)) {
      collect(rs, keys);
    }
    try (ResultSet rs = meta.getExportedKeys(null, inSchema, table)) {
      collect(rs, keys);
    }
    List<ForeignKey> result = new ArrayList<>();
    for (ForeignKeyColumns k : keys.values()) {
      result.add(new ForeignKey(k.name, k.table, List.copyOf(k.columns.values()), k.referenced,
          List.copyOf(k.referencedColumns.values()), true));
    }
    return result;
  }

  private static final class ForeignKeyColumns {
    String name;
    String table;
    String referenced;
    final Map<Short, String> columns = new TreeMap<>();
    final Map<Short, String> referencedColumns = new TreeMap<>();
  }

  private static void collect(ResultSet rs, Map<String, ForeignKeyColumns> keys)
      throws SQLException {
    while (rs.next()) {
      String table = rs.getString("FKTABLE_NAME");
      String referenced = rs.getString("PKTABLE_NAME");
      String name = rs.getString("FK_NAME");
      String id = table + "\u0000" + referenced + "\u0000" + name;
      ForeignKeyColumns k = keys.computeIfAbsent(id, x -> new ForeignKeyColumns());
      k.name = name == null ? table + "_" + referenced : name;
      k.table = table;
      k.referenced = referenced;
      short seq = rs.getShort("KEY_SEQ");
      k.columns.put(seq, rs.getString("FKCOLUMN_NAME"));
      k.referencedColumns.put(seq, rs.getString("PKCOLUMN_NAME"));
    }
  }

  /**
   * The non-null values of a column, most frequent first (ties by value), when it has at most
   * {@code limit} distinct ones; empty otherwise. One aggregate query over the table alone.
   */
  public List<String> frequentValues(TableInfo table, String column, int limit)
      throws SQLException {
    String quoted = dialect.quoteIdentifier(column);
    String sql = "SELECT " + quoted + ", COUNT(*) FROM "
        + (table.schema() == null ? "" : dialect.quoteIdentifier(table.schema()) + ".")
        + dialect.quoteIdentifier(table.name()) + " WHERE " + quoted + " IS NOT NULL GROUP BY "
        + quoted + " ORDER BY COUNT(*) DESC, " + quoted;
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        if (values.size() == limit) {
          return List.of();
        }
        values.add(String.valueOf(rs.getObject(1)).stripTrailing());
      }
    }
    return values;
  }

  /**
   * The latest value of a date/time column ({@code SELECT MAX(column) FROM table}), in
   * milliseconds since 1970 UTC, or {@link TimeValues#NONE} when the column holds none: the
   * reference time of the related rows' times since.
   */
  public long latest(TableInfo table, String column) throws SQLException {
    String sql = "SELECT MAX(" + dialect.quoteIdentifier(column) + ") FROM "
        + (table.schema() == null ? "" : dialect.quoteIdentifier(table.schema()) + ".")
        + dialect.quoteIdentifier(table.name());
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? TimeValues.millis(rs.getObject(1)) : TimeValues.NONE;
    }
  }

  /** Names of the tables a user can see in the default schema, for error messages. */
  public List<String> tableNames() throws SQLException {
    List<String> names = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getTables(null, defaultSchema, "%", new String[] {"TABLE", "VIEW",
        "BASE TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  /**
   * The columns that identify a row: the primary key; otherwise a unique index over non-null
   * columns; otherwise a single column whose values are present and distinct in every row.
   */
  private List<String> keyColumns(DatabaseMetaData meta, String schema, TableInfo table)
      throws SQLException {
    Map<Short, String> primaryKey = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, schema, table.name())) {
      while (rs.next()) {
        primaryKey.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    if (!primaryKey.isEmpty()) {
      return List.copyOf(primaryKey.values());
    }
    Map<String, List<String>> uniqueIndexes = new LinkedHashMap<>();
    try (ResultSet rs = meta.getIndexInfo(null, schema, table.name(), true, false)) {
      while (rs.next()) {
        String index = rs.getString("INDEX_NAME");
        String column = rs.getString("COLUMN_NAME");
        if (index != null && column != null) {
          uniqueIndexes.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
        }
      }
    }
    for (List<String> columns : uniqueIndexes.values()) {
      boolean allNotNull = columns.stream().allMatch(
          c -> table.column(c).map(info -> !info.nullable()).orElse(false));
      if (allNotNull) {
        return List.copyOf(columns);
      }
    }
    return observedUniqueColumn(schema, table).map(List::of).orElse(List.of());
  }

  /** The first integer or string column that is non-null and distinct in every row. */
  private Optional<String> observedUniqueColumn(String schema, TableInfo table)
      throws SQLException {
    List<ColumnInfo> candidates = table.columns().stream()
        .filter(c -> TypeFamily.of(c.jdbcType()) == TypeFamily.INTEGER
            || TypeFamily.of(c.jdbcType()) == TypeFamily.TEXT)
        .toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
    for (ColumnInfo c : candidates) {
      String quoted = dialect.quoteIdentifier(c.name());
      sql.append(", COUNT(DISTINCT ").append(quoted).append("), COUNT(").append(quoted)
          .append(')');
    }
    sql.append(" FROM ");
    if (schema != null) {
      sql.append(dialect.quoteIdentifier(schema)).append('.');
    }
    sql.append(dialect.quoteIdentifier(table.name()));
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql.toString())) {
      rs.next();
      long rows = rs.getLong(1);
      if (rows == 0) {
        return Optional.empty();
      }
      for (int i = 0; i < candidates.size(); i++) {
        long distinct = rs.getLong(2 + 2 * i);
        long present = rs.getLong(3 + 2 * i);
        if (distinct == rows && present == rows) {
          return Optional.of(candidates.get(i).name());
        }
      }
    }
    return Optional.empty();
  }

  private static String escape(DatabaseMetaData meta, String name) throws SQLException {
    String escape = meta.getSearchStringEscape();
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape).replace("_", escape + "_")
        .replace("%", escape + "%");
  }
}
