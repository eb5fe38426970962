package io.rowspace.engine;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.testsupport.DataSets;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the real data sets of the repository ({@code datasets/}) into frames, typed by their
 * {@code schema.sql}: integers as {@link Integer}, doubles as {@link Double}, text as
 * {@link String}, empty fields as {@code null}, as a JDBC driver would return them.
 */
public final class SharedDatasets {
  private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+)\\s+([A-Z ]+?)\\s*,?\\s*$");

  private SharedDatasets() {}

  /** The table {@code table} of a data set. */
  public static Frame load(String dataset, String table) {
    Map<String, Integer> types = new LinkedHashMap<>();
    for (String line : DataSets.schema(dataset).split("\n")) {
      Matcher m = COLUMN.matcher(line);
      if (m.matches() && !line.contains("CREATE")) {
        types.put(m.group(1), jdbcType(m.group(2)));
      }
    }
    DataSets.CsvTable csv = DataSets.csv(dataset, table);
    List<String> header = csv.header();
    List<ColumnSchema> schema = new ArrayList<>();
    for (String name : header) {
      int type = types.getOrDefault(name, Types.VARCHAR);
      schema.add(new ColumnSchema(name, type, typeName(type)));
    }
    List<Object[]> rows = new ArrayList<>();
    for (List<String> fields : csv.rows()) {
      Object[] row = new Object[header.size()];
      for (int c = 0; c < header.size(); c++) {
        String f = c < fields.size() ? fields.get(c) : "";
        row[c] = f.isEmpty() ? null : convert(f, schema.get(c).jdbcType());
      }
      rows.add(row);
    }
    return Frame.ofRows(schema, rows);
  }

  private static Object convert(String field, int type) {
    return switch (type) {
      case Types.INTEGER -> Integer.valueOf(field);
      case Types.DOUBLE -> Double.valueOf(field);
      default -> field;
    };
  }

  private static int jdbcType(String sql) {
    String s = sql.trim().toUpperCase(Locale.ROOT);
    if (s.startsWith("INT") || s.equals("BIGINT") || s.equals("SMALLINT")) {
      return Types.INTEGER;
    }
    if (s.startsWith("DOUBLE") || s.equals("REAL") || s.startsWith("FLOAT")) {
      return Types.DOUBLE;
    }
    if (s.equals("BOOLEAN")) {
      return Types.BOOLEAN;
    }
    return Types.VARCHAR;
  }

  private static String typeName(int type) {
    return switch (type) {
      case Types.INTEGER -> "INTEGER";
      case Types.DOUBLE -> "DOUBLE PRECISION";
      case Types.BOOLEAN -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }
}
