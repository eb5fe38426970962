package io.rowspace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The inference benchmark's figures as Markdown: one row per measure, with its goal. */
final class InferenceReport {
  /** One measured figure, beside the plain-SQL cost of reading the same rows. */
  record Line(String measure, long rows, String rowspace, String plainSql, String goal,
      String met) {
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void add(String measure, long rows, String rowspace, String plainSql, String goal,
      Boolean met) {
    lines.add(new Line(measure, rows, rowspace, plainSql, goal,
        met == null ? "—" : met ? "yes" : "no"));
  }

  void note(String note) {
    notes.add(note);
  }

  String table() {
    StringBuilder table = new StringBuilder("| measure | rows | Rowspace | plain SQL, same rows "
        + "| goal | met |\n|---|---:|---:|---:|---|---|\n");
    for (Line line : lines) {
      table.append("| ").append(line.measure())
          .append(" | ").append(String.format(Locale.ROOT, "%,d", line.rows()))
          .append(" | ").append(line.rowspace())
          .append(" | ").append(line.plainSql())
          .append(" | ").append(line.goal())
          .append(" | ").append(line.met())
          .append(" |\n");
    }
    return table.toString();
  }

  String notes() {
    StringBuilder text = new StringBuilder();
    for (String note : notes) {
      text.append("- ").append(note).append('\n');
    }
    return text.toString();
  }

  static String millis(double value) {
    return String.format(Locale.ROOT, "%.2f ms", value);
  }

  static String rate(double rowsPerSecond) {
    return String.format(Locale.ROOT, "%,.0f rows/s", rowsPerSecond);
  }
}
