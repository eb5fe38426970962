package io.rowspace.cli;

import io.rowspace.engine.profile.DateText;
import io.rowspace.engine.profile.NumberText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Infers the SQL type of each column of a CSV file from its values, tolerating a few cells that do
 * not read: the type of BOOLEAN, INTEGER, BIGINT, DOUBLE PRECISION, DATE and TIMESTAMP that reads
 * the most non-NULL cells (the narrowest among equals) when the cells it cannot read are at most
 * {@link #TOLERATED_SHARE} of them, and VARCHAR otherwise or when the column is empty throughout.
 * Those few cells (a stray word) become NULL on import and are counted. Cells that say a value is
 * missing ({@link #MISSING_MARKERS}: {@code NaN}, {@code n/a}, {@code NULL}, {@code -}, ...) do
 * not count against a type at all; they too become NULL in a column that is not text.
 *
 * <p>A column with a value of digits with a leading zero ({@code 02134}) stays VARCHAR: it holds
 * codes whose zeros matter, not numbers.
 *
 * <p>Each column's {@link CellStyle} is decided here too: its commas are decimal commas when some
 * value only reads that way ({@code 12,5}) and none only reads the other way ({@code 1,234.5});
 * its slashed dates are day first when some value says so ({@code 13/01/2024}) and more say so
 * than say month first.
 */
final class ColumnTypeInference {
  /** Share of a column's non-NULL cells that may fail to read as the inferred type. */
  static final double TOLERATED_SHARE = 0.1;

  private static final List<ColumnType> CANDIDATES = List.of(ColumnType.BOOLEAN,
      ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.DATE, ColumnType.TIMESTAMP);

  private final List<Evidence> columns = new ArrayList<>();

  /** What the cells of one column showed. */
  private static final class Evidence {
    long present;
    long decimalComma;
    long decimalPoint;
    long dayFirst;
    long monthFirst;
    long leadingZeros;
    String leadingZeroExample;
    final Map<ColumnType, Long> defaultReads = new EnumMap<>(ColumnType.class);
    final List<String> sample = new ArrayList<>();
  }

  /** A column's inferred type, how its cells are written, and why when it stayed text. */
  record Inferred(ColumnType type, CellStyle style, String note) {
  }

  /**
   * Takes the values of one record into account; {@code null} values are NULL (empty fields and
   * NULL tokens).
   */
  void observe(List<String> record) {
    for (int c = 0; c < record.size(); c++) {
      while (columns.size() <= c) {
        columns.add(new Evidence());
      }
      String value = record.get(c);
      if (value == null || value.isBlank()) {
        continue;
      }
      Evidence e = columns.get(c);
      if (MISSING_MARKERS.contains(value.strip().toLowerCase(Locale.ROOT))) {
        // NaN or n/a says the value is missing, not that the column is text.
        continue;
      }
      e.present++;
      if (NumberText.writesDecimalComma(value)) {
        e.decimalComma++;
      } else if (value.indexOf(',') >= 0 && value.indexOf('.') > value.indexOf(',')
          && NumberText.parse(value) != null) {
        e.decimalPoint++;
      }
      if (LEADING_ZERO_CODE.matcher(value.strip()).matches()) {
        e.leadingZeros++;
        e.leadingZeroExample = e.leadingZeroExample == null ? value.strip() : e.leadingZeroExample;
      }
      DateText.DayOrder order = DateText.decidedOrder(value);
      if (order == DateText.DayOrder.DAY_FIRST) {
        e.dayFirst++;
      } else if (order == DateText.DayOrder.MONTH_FIRST) {
        e.monthFirst++;
      }
      // Values are kept (capped) to be re-read once the column's style is known.
      if (e.sample.size() < MAX_KEPT) {
        e.sample.add(value);
      }
      for (ColumnType type : CANDIDATES) {
        if (type.accepts(value)) {
          e.defaultReads.merge(type, 1L, Long::sum);
        }
      }
    }
  }

  /** Cells that say a value is missing; they never decide a column's type. */
  static final Set<String> MISSING_MARKERS = Set.of("nan", "n/a", "na",
      "null", "none", "-", "--", "?", "#n/a", "missing", "unknown", "inf", "-inf", "infinity");

  /** Digits with a leading zero, such as a zip code {@code 02134}: the zero would be lost. */
  private static final Pattern LEADING_ZERO_CODE =
      Pattern.compile("0[0-9]+");

  /** Values kept per column to weigh candidate types in the column's own style. */
  static final int MAX_KEPT = 20_000;

  /** The inferred type of column {@code column} (0-based). */
  ColumnType typeOf(int column) {
    return inferred(column).type();
  }

  /** The inferred type, style and note of column {@code column} (0-based). */
  Inferred inferred(int column) {
    if (column >= columns.size() || columns.get(column).present == 0) {
      return new Inferred(ColumnType.VARCHAR, CellStyle.DEFAULT, "no values");
    }
    Evidence e = columns.get(column);
    CellStyle style = new CellStyle(
        e.decimalComma > 0 && e.decimalPoint == 0 ? NumberText.DecimalMark.COMMA
            : NumberText.DecimalMark.AUTO,
        e.dayFirst > e.monthFirst ? DateText.DayOrder.DAY_FIRST : DateText.DayOrder.MONTH_FIRST);
    Map<ColumnType, Long> reads = style.equals(CellStyle.DEFAULT) ? e.defaultReads : reads(e, style);
    ColumnType best = null;
    long most = 0;
    for (ColumnType type : CANDIDATES) {
      long n = reads.getOrDefault(type, 0L);
      if (n > most) {
        best = type;
        most = n;
      }
    }
    long kept = style.equals(CellStyle.DEFAULT) ? e.present : e.sample.size();
    if (e.leadingZeros > 0 && (best == ColumnType.INTEGER || best == ColumnType.BIGINT
        || best == ColumnType.DOUBLE)) {
      return new Inferred(ColumnType.VARCHAR, CellStyle.DEFAULT, String.format(
          Locale.ROOT, "kept as text: %d %s leading zeros (e.g. %s) that a "
              + "number would lose; --types %s makes it a number", e.leadingZeros,
          e.leadingZeros == 1 ? "value has" : "values have",
          e.leadingZeroExample, "COLUMN=" + best.name()));
    }
    if (best != null && kept - most <= TOLERATED_SHARE * kept) {
      return new Inferred(best, style, "");
    }
    String note = best == null ? "" : String.format(Locale.ROOT,
        "kept as text: only %d of %d values read as %s", most, kept, best.sql());
    return new Inferred(ColumnType.VARCHAR, CellStyle.DEFAULT, note);
  }

  private static Map<ColumnType, Long> reads(Evidence e, CellStyle style) {
    Map<ColumnType, Long> reads = new EnumMap<>(ColumnType.class);
    for (String value : e.sample) {
      for (ColumnType type : CANDIDATES) {
        if (type.value(value, style) != null) {
          reads.merge(type, 1L, Long::sum);
        }
      }
    }
    return reads;
  }
}
