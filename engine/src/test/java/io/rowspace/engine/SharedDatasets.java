package io.rowspace.engine;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  public static Path folder(String dataset) {
    return Path.of(System.getProperty("rowspace.datasets", "../datasets"), dataset);
  }

  /** The table {@code table} of a data set. */
  public static Frame load(String dataset, String table) {
    try {
      Map<String, Integer> types = new LinkedHashMap<>();
      for (String line : Files.readAllLines(folder(dataset).resolve("schema.sql"))) {
        Matcher m = COLUMN.matcher(line);
        if (m.matches() && !line.contains("CREATE")) {
          types.put(m.group(1), jdbcType(m.group(2)));
        }
      }
      List<String> lines = Files.readAllLines(folder(dataset).resolve(table + ".csv"),
          StandardCharsets.UTF_8);
      List<String> header = split(lines.get(0));
      List<ColumnSchema> schema = new ArrayList<>();
      for (String name : header) {
        int type = types.getOrDefault(name, Types.VARCHAR);
        schema.add(new ColumnSchema(name, type, typeName(type)));
      }
      List<Object[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isEmpty()) {
          continue;
        }
        List<String> fields = split(line);
        Object[] row = new Object[header.size()];
        for (int c = 0; c < header.size(); c++) {
          String f = c < fields.size() ? fields.get(c) : "";
          row[c] = f.isEmpty() ? null : convert(f, schema.get(c).jdbcType());
        }
        rows.add(row);
      }
      return Frame.ofRows(schema, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    out.add(field.toString());
    return out;
  }
}
