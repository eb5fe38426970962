package io.rowspace.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a result set as aligned columns for people to read:
 *
 * <pre>
 *  ID | STATUS | PROBABILITY
 * ----+--------+------------
 *   1 | good   |       0.912
 * </pre>
 *
 * <p>Numbers are right-aligned, NULL is shown as {@code NULL}, line breaks inside values become
 * spaces, and values longer than {@link #MAX_WIDTH} characters are cut with {@code ...} (the CSV
 * and JSON formats show them whole). Rows are held in memory to measure the columns.
 */
final class TablePrinter implements ResultPrinter {
  static final int MAX_WIDTH = 100;
  private static final String NULL = "NULL";

  private final PrintStream out;
  private final List<String> onlyColumns;
  private final int decimals;

  TablePrinter(PrintStream out) {
    this(out, List.of(), -1);
  }

  /**
   * A printer that shows only the columns whose labels are in {@code onlyColumns} (in any case),
   * in the result set's order, all columns when none of them is present; and floating-point values
   * rounded to {@code decimals} places, or exactly when it is negative.
   */
  TablePrinter(PrintStream out, List<String> onlyColumns, int decimals) {
    this.out = out;
    this.onlyColumns = List.copyOf(onlyColumns);
    this.decimals = decimals;
  }

  @Override
  public long print(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<Integer> shown = shownColumns(meta);
    int columns = shown.size();
    String[] header = new String[columns];
    boolean[] rightAligned = new boolean[columns];
    boolean[] rounded = new boolean[columns];
    int[] widths = new int[columns];
    for (int i = 0; i < columns; i++) {
      int c = shown.get(i);
      header[i] = meta.getColumnLabel(c);
      rightAligned[i] = isNumeric(meta.getColumnType(c));
      rounded[i] = decimals >= 0 && isFloatingPoint(meta.getColumnType(c));
      widths[i] = header[i].length();
    }
    List<String[]> rows = new ArrayList<>();
    while (rs.next()) {
      String[] row = new String[columns];
      for (int i = 0; i < columns; i++) {
        row[i] = rounded[i] ? round(rs, shown.get(i)) : display(CellText.of(rs, shown.get(i)));
        widths[i] = Math.max(widths[i], row[i].length());
      }
      rows.add(row);
    }
    out.println(line(header, widths, new boolean[columns]));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < columns; i++) {
      rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule.append('-'));
    for (String[] row : rows) {
      out.println(line(row, widths, rightAligned));
    }
    out.flush();
    return rows.size();
  }

  private List<Integer> shownColumns(ResultSetMetaData meta) throws SQLException {
    List<Integer> shown = new ArrayList<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      String label = meta.getColumnLabel(c);
      if (onlyColumns.stream().anyMatch(label::equalsIgnoreCase)) {
        shown.add(c);
      }
    }
    if (shown.isEmpty()) {
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        shown.add(c);
      }
    }
    return shown;
  }

  private static String line(String[] cells, int[] widths, boolean[] rightAligned) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      line.append(i == 0 ? " " : " | ");
      String pad = " ".repeat(widths[i] - cells[i].length());
      if (rightAligned[i]) {
        line.append(pad).append(cells[i]);
      } else {
        line.append(cells[i]);
        if (i < cells.length - 1) {
          line.append(pad);
        }
      }
    }
    return line.toString().stripTrailing();
  }

  private static String display(String text) {
    if (text == null) {
      return NULL;
    }
    String flat = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return flat.length() <= MAX_WIDTH ? flat : flat.substring(0, MAX_WIDTH - 3) + "...";
  }

  private String round(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? NULL : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static boolean isFloatingPoint(int type) {
    return type == Types.REAL || type == Types.FLOAT || type == Types.DOUBLE;
  }

  private static boolean isNumeric(int type) {
    switch (type) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }
}
