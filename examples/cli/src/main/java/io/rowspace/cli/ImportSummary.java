package io.rowspace.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The table {@code rowspace import} ends with: per column its type, the cells read, the NULL
 * cells, the cells not read (set to NULL) and what was done with them.
 *
 * <pre>
 * column  | type             | read | NULL | not read | what was done
 * --------+------------------+------+------+----------+------------------------------------
 * income  | DOUBLE PRECISION |  998 |    0 |        2 | 2 not read as DOUBLE PRECISION, ...
 * </pre>
 */
final class ImportSummary {
  private static final List<String> HEADINGS =
      List.of("column", "type", "read", "NULL", "not read", "what was done");

  private ImportSummary() {
  }

  /** Writes the summary of {@code outcome}'s columns, after a line naming the dialect. */
  static void print(CsvImporter.Outcome outcome, PrintStream out) {
    CsvDialect d = outcome.dialect();
    out.println("delimiter: " + d.delimiterName() + (outcome.delimiterDetected() ? " (detected)" : "")
        + (d.nullTokens().isEmpty() ? "" : "; NULL tokens: " + String.join(", ", d.nullTokens())));
    List<List<String>> rows = new ArrayList<>();
    for (ColumnReport c : outcome.columns()) {
      rows.add(List.of(c.column(), c.type().sql(), Long.toString(c.read()),
          Long.toString(c.nulls()), Long.toString(c.notRead()), c.whatWasDone()));
    }
    int[] widths = new int[HEADINGS.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = HEADINGS.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(line(HEADINGS, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule.toString().stripTrailing());
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      boolean number = i >= 2 && i <= 4;
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(i == 0 ? "" : " | ").append(number ? pad + cell : i == cells.size() - 1 ? cell : cell + pad);
    }
    return line.toString();
  }
}
