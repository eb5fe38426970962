package io.rowspace.cli;

import io.rowspace.error.ErrorCode;
import io.rowspace.jdbc.ProgressListener;
import java.io.IOException;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fills a table from a CSV file with a header row: {@code rowspace import URL TABLE FILE.csv}.
 *
 * <p>The file is read by Apache Commons CSV in the file's {@link CsvDialect}: the delimiter is
 * detected (comma, semicolon, tab or pipe) unless given. When the table does not exist it is
 * created with one column per header name (made a plain identifier by {@link SqlIdentifiers}) and
 * the types {@link ColumnTypeInference} reads off the whole file in a first pass, or those given
 * with {@code --types}; the few cells of a column that do not read as its type become NULL and are
 * counted in the column's {@link ColumnReport}. When the table exists, the header names must be
 * columns of it and every cell must read as its column's type. Rows go in as batched inserts in
 * one transaction: a failure rolls everything back (and drops a table created for the import) and
 * names the record and column.
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
  record Outcome(String table, String createStatement, long rows, CsvDialect dialect,
      boolean delimiterDetected, List<ColumnReport> columns) {
    boolean created() {
      return createStatement != null;
    }
  }

  /** Imports {@code csv} into {@code table} with a detected delimiter and no options. */
  Outcome importFile(String table, Path csv) throws SQLException, IOException {
    return importFile(table, csv, null, '"', Set.of(), Map.of());
  }

  /**
   * Imports {@code csv} into {@code table}, creating the table when it does not exist.
   *
   * @param delimiter the field delimiter, {@code null} to detect it
   * @param nullTokens field texts that mean NULL
   * @param typeOverrides header name (any case) to the type of its column in a new table
   */
  Outcome importFile(String table, Path csv, Character delimiter, char quote,
      Set<String> nullTokens, Map<String, ColumnType> typeOverrides)
      throws SQLException, IOException {
    if (!SqlIdentifiers.isPlainName(table)) {
      throw ErrorCode.IMPORT_TABLE_NAME.exception(table, SqlIdentifiers.sanitize(table, 1));
    }
    CsvDialect dialect = new CsvDialect(
        delimiter != null ? delimiter : CsvDialect.detectDelimiter(csv, quote), quote, nullTokens);
    List<String> header;
    long records = 0;
    ColumnTypeInference inference = new ColumnTypeInference();
    Map<String, ColumnType> existing = existingColumns(table);
    try (CsvRecords reader = dialect.open(csv)) {
      header = reader.next();
      if (header == null) {
        throw ErrorCode.IMPORT_EMPTY_FILE.exception(csv);
      }
      if (existing == null) {
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
          inference.observe(record);
          records++;
        }
      }
    }
    List<String> columns = SqlIdentifiers.fromHeader(header);
    Map<String, ColumnType> overrides = overridesByColumn(header, columns, typeOverrides, csv);
    List<ColumnReport> reports = new ArrayList<>();
    String create = null;
    if (existing == null) {
      for (int c = 0; c < columns.size(); c++) {
        ColumnType forced = overrides.get(columns.get(c));
        ColumnTypeInference.Inferred inferred = inference.inferred(c);
        reports.add(forced != null
            ? new ColumnReport(columns.get(c), forced, inferred.style(), "type given with --types")
            : new ColumnReport(columns.get(c), inferred.type(), inferred.style(), inferred.note()));
      }
      create = createStatement(table, columns,
          reports.stream().map(ColumnReport::type).collect(Collectors.toList()));
      try (Statement statement = connection.createStatement()) {
        statement.execute(create);
      }
    } else {
      if (!overrides.isEmpty()) {
        throw ErrorCode.IMPORT_TYPES_FOR_EXISTING.exception(table);
      }
      for (String column : columns) {
        ColumnType type = existing.get(column.toUpperCase(Locale.ROOT));
        if (type == null) {
          throw ErrorCode.IMPORT_COLUMN_NOT_IN_TABLE.exception(column, csv, table,
              String.join(", ", existing.keySet()));
        }
        reports.add(new ColumnReport(column, type, CellStyle.DEFAULT, ""));
      }
    }
    try (CsvRecords reader = dialect.open(csv)) {
      reader.next();
      long rows = insertRows(connection, table, reports, reader, records, progress,
          create != null);
      return new Outcome(table, create, rows, dialect, delimiter == null, reports);
    } catch (SQLException | IOException | RuntimeException e) {
      if (create != null) {
        dropQuietly(table, e);
      }
      throw e;
    }
  }

  /**
   * Inserts every remaining record of {@code reader} into {@code columns} of {@code table} in
   * batches, in one transaction that is rolled back on failure; a cell that does not read as its
   * column's type fails the import.
   *
   * @param expectedRows the number of records, for progress; 0 when unknown
   * @return the number of rows inserted
   */
  static long insertRows(Connection connection, String table, List<String> columns,
      List<ColumnType> types, CsvRecords reader, long expectedRows, ProgressListener progress)
      throws SQLException, IOException {
    List<ColumnReport> reports = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      reports.add(new ColumnReport(columns.get(c), types.get(c), CellStyle.DEFAULT, ""));
    }
    return insertRows(connection, table, reports, reader, expectedRows, progress, false);
  }

  /**
   * Inserts the remaining records, counting each column's cells in its report.
   *
   * @param unreadToNull whether a cell that does not read as its column's type becomes NULL
   *     (counted) rather than failing the import
   */
  private static long insertRows(Connection connection, String table, List<ColumnReport> columns,
      CsvRecords reader, long expectedRows, ProgressListener progress, boolean unreadToNull)
      throws SQLException, IOException {
    String insert = "INSERT INTO " + table + " (" + columns.stream().map(ColumnReport::column)
        .collect(Collectors.joining(", ")) + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    long rows = 0;
    String phase = "importing into " + table;
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      int pending = 0;
      for (List<String> record = reader.next(); record != null; record = reader.next()) {
        if (record.size() > columns.size()) {
          throw ErrorCode.IMPORT_FIELD_COUNT.exception(reader.recordNumber(), record.size(),
              columns.size());
        }
        for (int c = 0; c < columns.size(); c++) {
          bindCell(statement, c, c < record.size() ? record.get(c) : null, columns.get(c),
              reader.recordNumber(), unreadToNull);
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

  private static void bindCell(PreparedStatement statement, int c, String text,
      ColumnReport column, long record, boolean unreadToNull) throws SQLException {
    ColumnType type = column.type();
    if (text == null || (type != ColumnType.VARCHAR && text.isBlank())) {
      column.countNull();
      type.bindValue(statement, c + 1, null);
      return;
    }
    Object value = type.value(text, column.style());
    if (value == null) {
      if (!unreadToNull) {
        throw ErrorCode.IMPORT_VALUE.exception(record, column.column(), text, type.sql());
      }
      column.countNotRead(text);
    } else {
      column.countRead(text);
    }
    type.bindValue(statement, c + 1, value);
  }

  /** The {@code --types} overrides by column name; each must name a header column. */
  private static Map<String, ColumnType> overridesByColumn(List<String> header,
      List<String> columns, Map<String, ColumnType> overrides, Path csv) throws SQLException {
    Map<String, ColumnType> byColumn = new LinkedHashMap<>();
    for (Map.Entry<String, ColumnType> o : overrides.entrySet()) {
      int found = -1;
      for (int c = 0; c < columns.size() && found < 0; c++) {
        if (columns.get(c).equalsIgnoreCase(o.getKey())
            || (header.get(c) != null && header.get(c).strip().equalsIgnoreCase(o.getKey()))) {
          found = c;
        }
      }
      if (found < 0) {
        throw ErrorCode.IMPORT_TYPES_COLUMN.exception(o.getKey(), csv, String.join(", ", columns));
      }
      byColumn.put(columns.get(found), o.getValue());
    }
    return byColumn;
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

}
