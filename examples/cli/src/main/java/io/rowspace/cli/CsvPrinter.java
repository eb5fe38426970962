package io.rowspace.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Writes result sets as RFC 4180 CSV: a header row of column labels, then one line per row.
 * Fields holding a comma, a double quote or a line break are quoted with inner quotes doubled;
 * SQL NULL is an empty field and the empty string a quoted empty field ({@code ""}), so the two
 * stay apart. Lines end with {@code \n}, as Unix tools expect.
 */
final class CsvPrinter implements ResultPrinter {
  private final PrintStream out;

  CsvPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public long print(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int columns = meta.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int c = 1; c <= columns; c++) {
      if (c > 1) {
        line.append(',');
      }
      line.append(field(meta.getColumnLabel(c)));
    }
    out.print(line.append('\n'));
    long rows = 0;
    while (rs.next()) {
      line.setLength(0);
      for (int c = 1; c <= columns; c++) {
        if (c > 1) {
          line.append(',');
        }
        String text = CellText.of(rs, c);
        if (text != null) {
          line.append(field(text));
        }
      }
      out.print(line.append('\n'));
      rows++;
    }
    out.flush();
    return rows;
  }

  /** {@code text} as one CSV field. */
  static String field(String text) {
    if (text.isEmpty()) {
      return "\"\"";
    }
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
