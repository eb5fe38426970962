package io.rowspace.cli;

import io.rowspace.engine.profile.DateText;
import io.rowspace.engine.profile.NumberText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an import did with one column's cells: how many it read, how many were NULL, how many it
 * could not read as the column's type (and set to NULL), and how the values it read were written.
 */
final class ColumnReport {
  /** Distinct unread texts shown per column. */
  static final int EXAMPLES = 3;
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?");
  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}.*");
  private static final Pattern CURRENCY = Pattern.compile(".*(\\p{Sc}|[A-Z]{3}).*");

  private final String column;
  private final ColumnType type;
  private final CellStyle style;
  private final String note;
  private long read;
  private long nulls;
  private long notRead;
  private long currency;
  private long percent;
  private long separators;
  private long otherDates;
  private final Map<String, Long> unread = new LinkedHashMap<>();

  ColumnReport(String column, ColumnType type, CellStyle style, String note) {
    this.column = column;
    this.type = type;
    this.style = style;
    this.note = note == null ? "" : note;
  }

  String column() {
    return column;
  }

  ColumnType type() {
    return type;
  }

  CellStyle style() {
    return style;
  }

  long read() {
    return read;
  }

  long nulls() {
    return nulls;
  }

  long notRead() {
    return notRead;
  }

  /** Counts a NULL cell: an empty field or a NULL token. */
  void countNull() {
    nulls++;
  }

  /** Counts a cell that did not read as the type and became NULL. */
  void countNotRead(String text) {
    notRead++;
    if (unread.size() < EXAMPLES || unread.containsKey(text)) {
      unread.merge(text, 1L, Long::sum);
    }
  }

  /** Counts a cell read as {@code text}, noting how it was written. */
  void countRead(String text) {
    read++;
    String t = text.strip();
    switch (type) {
      case INTEGER, BIGINT, DOUBLE, DECIMAL -> {
        if (!PLAIN_NUMBER.matcher(t).matches()) {
          if (t.endsWith("%")) {
            percent++;
          } else if (CURRENCY.matcher(t).matches()) {
            currency++;
          } else {
            separators++;
          }
        }
      }
      case DATE, TIMESTAMP -> {
        if (!ISO_DATE.matcher(t).matches()) {
          otherDates++;
        }
      }
      default -> { }
    }
  }

  /** The "what was done" cell of the summary: NULLs set, conversions made, or the note. */
  String whatWasDone() {
    List<String> done = new ArrayList<>();
    if (notRead > 0) {
      List<String> examples = new ArrayList<>();
      unread.forEach((text, n) -> examples.add("'" + (text.length() <= 24 ? text
          : text.substring(0, 23) + "\u2026") + "' x" + n));
      done.add(notRead + " not read as " + type.sql() + ", set to NULL ("
          + String.join(", ", examples) + (unread.values().stream().mapToLong(Long::longValue).sum()
              < notRead ? ", ..." : "") + ")");
    }
    if (currency > 0) {
      done.add(currency + " with a currency symbol");
    }
    if (percent > 0) {
      done.add(percent + " percentages read as fractions (12% = 0.12)");
    }
    if (separators > 0) {
      done.add(separators + " with thousands separators"
          + (style.decimalMark() == NumberText.DecimalMark.COMMA
              ? " or decimal commas" : ""));
    }
    if (otherDates > 0) {
      done.add(otherDates + " dates not in ISO form"
          + (style.dayOrder() == DateText.DayOrder.DAY_FIRST
              ? " (day first)" : ""));
    }
    if (!note.isEmpty()) {
      done.add(note);
    }
    return done.isEmpty() ? "-" : String.join("; ", done);
  }
}
