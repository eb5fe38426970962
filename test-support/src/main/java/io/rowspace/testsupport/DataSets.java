package io.rowspace.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real data sets in the repository's {@code datasets/} folder (one folder per set: a
 * {@code schema.sql}, one CSV per table with a header row, and the set's source and licence).
 * The build passes the folder as the system property {@code rowspace.datasets}; a test run from a
 * module's folder without it finds {@code ../datasets}.
 */
public final class DataSets {
  private DataSets() {}

  /** The folder of a data set. */
  public static Path folder(String dataSet) {
    return Path.of(System.getProperty("rowspace.datasets", "../datasets"), dataSet);
  }

  /** The text of a data set's {@code schema.sql}. */
  public static String schema(String dataSet) {
    return read(folder(dataSet).resolve("schema.sql"));
  }

  /**
   * A table of a data set, as text: the header's names and each non-empty line's fields (RFC 4180
   * quoting: fields in double quotes may hold commas, a doubled quote is a quote). An empty field
   * is an empty string.
   */
  public static CsvTable csv(String dataSet, String table) {
    Path file = folder(dataSet).resolve(table + ".csv");
    List<String> lines = List.of(read(file).split("\r?\n", -1));
    if (lines.isEmpty() || lines.get(0).isEmpty()) {
      throw new IllegalStateException("Data set file " + file + " has no header row");
    }
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isEmpty()) {
        rows.add(fields(line));
      }
    }
    return new CsvTable(fields(lines.get(0)), rows);
  }

  /**
   * A CSV table as text.
   *
   * @param header the column names
   * @param rows the fields of each data line, in file order (line {@code i + 2} of the file)
   */
  public record CsvTable(List<String> header, List<List<String>> rows) {}

  /** The fields of one CSV line. */
  static List<String> fields(String line) {
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

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Data set file " + file + " cannot be read (is the "
          + "repository's datasets/ folder there, or -Drowspace.datasets set?)", e);
    }
  }
}
