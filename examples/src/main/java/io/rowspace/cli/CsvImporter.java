package io.rowspace.cli;

import io.rowspace.jdbc.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a table from a CSV file with a header row: {@code rowspace import URL TABLE FILE.csv}.
 *
 * <p>When the table does not exist it is created with one column per header name (made a plain
 * identifier by {@link SqlIdentifiers}) and the types {@link ColumnTypeInference} reads off the
 * whole file in a first pass. When it exists, the header names must be columns of it and values
 * are converted to the columns' types. Rows go in as batched inserts in one transaction: a bad
 * value rolls everything back (and drops a table created for the import) and names the record
 * and column.
 */
final class CsvImporter {
  static final int BATCH_SIZE = 1000;

  private final Connection connection;
  private final ProgressListener progress;

  CsvImporter(Connection connection, ProgressListener progress) {
    this.connection = connection;
    this.progress = progress;
  }

  /** What an import did. */
  record Outcome(String table, String createStatement, long rows) {
    boolean created() {
      return createStatement != null;
    }
  }

  /** Imports {@code csv} into {@code table}, creating the table when it does not exist. */
  Outcome importFile(String table, Path csv) throws SQLException, IOException {
    if (!SqlIdentifiers.isPlainName(table)) {
      throw new IllegalArgumentException("Table name '" + table
          + "' is not a plain SQL identifier; use letters, digits and '_', e.g. "
          + SqlIdentifiers.sanitize(table, 1) + ".");
    }
    List<String> header;
    long records = 0;
    ColumnTypeInference inference = new ColumnTypeInference();
    Map<String, ColumnType> existing = existingColumns(table);
    try (CsvReader reader = open(csv)) {
      header = reader.next();
      if (header == null) {
        throw new SQLException("File " + csv + " is empty: a header row with column names is needed.", "22000");
      }
      if (existing == null) {
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
          inference.observe(record);
          records++;
        }
      }
    }
    List<String> columns = SqlIdentifiers.fromHeader(header);
    List<ColumnType> types = new ArrayList<>();
    String create = null;
    if (existing == null) {
      for (int c = 0; c < columns.size(); c++) {
        types.add(inference.typeOf(c));
      }
      create = createStatement(table, columns, types);
      try (Statement statement = connection.createStatement()) {
        statement.execute(create);
      }
    } else {
      for (String column : columns) {
        ColumnType type = existing.get(column.toUpperCase(Locale.ROOT));
        if (type == null) {
          throw new SQLException("Column '" + column + "' of " + csv + " is not in table " + table
              + ". Its columns are: " + String.join(", ", existing.keySet())
              + ". Rename the header or import into a new table.", "42S22");
        }
        types.add(type);
      }
    }
    try (CsvReader reader = open(csv)) {
      reader.next();
      long rows = insertRows(connection, table, columns, types, reader, records, progress);
      return new Outcome(table, create, rows);
    } catch (SQLException | IOException | RuntimeException e) {
      if (create != null) {
        dropQuietly(table, e);
      }
      throw e;
    }
  }

  /**
   * Inserts every remaining record of {@code reader} into {@code columns} of {@code table} in
   * batches, in one transaction that is rolled back on failure.
   *
   * @param expectedRows the number of records, for progress; 0 when unknown
   * @return the number of rows inserted
   */
  static long insertRows(Connection connection, String table, List<String> columns,
      List<ColumnType> types, CsvReader reader, long expectedRows, ProgressListener progress)
      throws SQLException, IOException {
    String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    long rows = 0;
    String phase = "importing into " + table;
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      int pending = 0;
      for (List<String> record = reader.next(); record != null; record = reader.next()) {
        if (record.size() > columns.size()) {
          throw new SQLException("Record " + reader.recordNumber() + " has " + record.size()
              + " fields but the header names " + columns.size() + ".", "22000");
        }
        for (int c = 0; c < columns.size(); c++) {
          String value = c < record.size() ? record.get(c) : null;
          try {
            types.get(c).bind(statement, c + 1, value);
          } catch (IllegalArgumentException e) {
            throw new SQLException("Record " + reader.recordNumber() + ", column " + columns.get(c)
                + ": " + e.getMessage() + ".", "22018", e);
          }
        }
        statement.addBatch();
        rows++;
        if (++pending == BATCH_SIZE) {
          statement.executeBatch();
          pending = 0;
          progress.progress(phase, (int) Math.min(Integer.MAX_VALUE, rows),
              (int) Math.min(Integer.MAX_VALUE, expectedRows), "");
        }
      }
      if (pending > 0) {
        statement.executeBatch();
      }
      connection.commit();
      progress.progress(phase, (int) Math.min(Integer.MAX_VALUE, rows),
          (int) Math.min(Integer.MAX_VALUE, Math.max(rows, expectedRows)), "");
      return rows;
    } catch (SQLException | IOException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  static String createStatement(String table, List<String> columns, List<ColumnType> types) {
    StringBuilder create = new StringBuilder("CREATE TABLE ").append(table).append(" (");
    for (int c = 0; c < columns.size(); c++) {
      create.append(c == 0 ? "" : ", ").append(columns.get(c)).append(' ').append(types.get(c).sql());
    }
    return create.append(')').toString();
  }

  /**
   * The columns of {@code table} by upper-case name with the type to bind them as, or null when
   * there is no such table.
   */
  private Map<String, ColumnType> existingColumns(String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String schema = null;
    String name = table;
    int dot = table.indexOf('.');
    if (dot >= 0) {
      schema = storedCase(meta, table.substring(0, dot));
      name = table.substring(dot + 1);
    }
    String escape = meta.getSearchStringEscape();
    name = pattern(storedCase(meta, name), escape);
    schema = schema == null ? null : pattern(schema, escape);
    Map<String, ColumnType> columns = new LinkedHashMap<>();
    try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
      while (rs.next()) {
        columns.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT),
            ColumnType.ofJdbcType(rs.getInt("DATA_TYPE")));
      }
    }
    return columns.isEmpty() ? null : columns;
  }

  private static String storedCase(DatabaseMetaData meta, String name) throws SQLException {
    if (meta.storesUpperCaseIdentifiers()) {
      return name.toUpperCase(Locale.ROOT);
    }
    if (meta.storesLowerCaseIdentifiers()) {
      return name.toLowerCase(Locale.ROOT);
    }
    return name;
  }

  /** {@code name} as a metadata search pattern that matches only itself. */
  private static String pattern(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }

  private void dropQuietly(String table, Exception cause) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE " + table);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static CsvReader open(Path csv) throws IOException {
    return new CsvReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8));
  }
}
