package io.rowspace.engine.profile;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Profiles the columns of a frame: counts missing, unparseable and distinct values, detects each
 * column's type and excludes the columns a model cannot learn from (identifiers, constants,
 * all-NULL columns, free text, unsupported SQL types), each with a reason a user can act on.
 */
public final class ColumnProfiler {
  /** Integer columns with at most this many distinct values are treated as category codes. */
  static final int MAX_INTEGER_CODES = 10;
  /** Text columns with more distinct values than this are free text, not categories. */
  static final int MAX_CATEGORIES = 1000;
  /** Share of distinct values above which a text column is an identifier. */
  static final double IDENTIFIER_RATIO = 0.95;
  /** Below this many present values, uniqueness says nothing about being an identifier. */
  static final int MIN_ROWS_FOR_IDENTIFIER = 20;

  private ColumnProfiler() {}

  /**
   * Profiles every column of the frame.
   *
   * @param frame the rows
   * @param forcedExclusions column name to the reason it is excluded regardless of its values
   *     (e.g. {@code "primary key"}, {@code "excluded by EXCLUDE COLUMNS"})
   * @return one profile per column, in frame order
   */
  public static List<ColumnProfile> profile(Frame frame, Map<String, String> forcedExclusions) {
    List<ColumnProfile> result = new ArrayList<>(frame.columnCount());
    for (int c = 0; c < frame.columnCount(); c++) {
      result.add(profileColumn(frame.columns().get(c), frame.column(c), forcedExclusions));
    }
    return result;
  }

  private static ColumnProfile profileColumn(
      ColumnSchema schema, Object[] values, Map<String, String> forcedExclusions) {
    ValueKind kind = ValueKind.of(schema.jdbcType());
    long missing = 0;
    long unparseable = 0;
    boolean integral = true;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    Map<String, Integer> counts = new HashMap<>();
    if (kind != ValueKind.OTHER) {
      for (Object v : values) {
        if (ValueParser.isMissing(v, kind)) {
          missing++;
          continue;
        }
        String key = ValueParser.key(v, kind);
        if (key == null) {
          unparseable++;
          continue;
        }
        counts.merge(key, 1, Integer::sum);
        if (kind == ValueKind.NUMBER) {
          double d = ValueParser.number(v, kind);
          integral &= d == Math.rint(d);
          min = Math.min(min, d);
          max = Math.max(max, d);
        }
      }
    }
    long rows = values.length;
    long present = rows - missing - unparseable;
    long distinct = counts.size();
    String name = schema.name();
    Builder b = new Builder(schema, rows, missing, unparseable, distinct);

    String forced = forcedExclusions == null ? null : forcedExclusions.get(name);
    if (forced != null) {
      return b.excluded(forced);
    }
    if (kind == ValueKind.OTHER) {
      return b.excluded("unsupported SQL type " + schema.typeName()
          + ": only numbers, text, booleans, dates and timestamps are encoded");
    }
    if (present == 0) {
      return b.excluded(unparseable > 0
          ? "no value could be read as " + kind.name().toLowerCase(Locale.ROOT)
              + " (" + unparseable + " unparseable)"
          : "all values are NULL");
    }
    if (distinct == 1) {
      return b.excluded("constant: single value '" + counts.keySet().iterator().next() + "'");
    }
    switch (kind) {
      case NUMBER:
        if (integral && distinct == present && present >= MIN_ROWS_FOR_IDENTIFIER) {
          boolean sequential = max - min + 1 <= 1.5 * distinct;
          if (sequential) {
            return b.excluded("identifier: unique integer sequence ("
                + distinct + " distinct values in " + present + " rows)");
          }
          if (isIdLikeName(name)) {
            return b.excluded("identifier: unique integers in a column named like an id");
          }
        }
        if (integral && distinct <= MAX_INTEGER_CODES) {
          return b.used(DetectedType.CATEGORICAL,
              "categorical(embedding, " + distinct + " values)");
        }
        return b.used(DetectedType.SCALAR, "scalar(standardised, log, quantile, bins)");
      case BOOLEAN:
        return b.used(DetectedType.BOOLEAN, "boolean");
      case TEMPORAL:
        return b.used(DetectedType.SCALAR, "scalar(days since 1970-01-01)");
      case TEXT:
      default:
        if (distinct == 2 && counts.keySet().stream().allMatch(ValueParser::isBooleanWord)) {
          return b.used(DetectedType.BOOLEAN, "boolean");
        }
        if (present >= MIN_ROWS_FOR_IDENTIFIER && distinct > IDENTIFIER_RATIO * present) {
          return b.excluded("identifier: near-unique strings (" + distinct
              + " distinct values in " + present + " rows)");
        }
        if (distinct > MAX_CATEGORIES || (distinct > 50 && distinct > 0.5 * present)) {
          return b.excluded("free text (" + distinct + " distinct values in " + present
              + " rows): text encoding is not supported yet");
        }
        return b.used(DetectedType.CATEGORICAL, "categorical(embedding, " + distinct + " values)");
    }
  }

  private static boolean isIdLikeName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("id") || lower.endsWith("_id") || name.endsWith("Id")
        || lower.endsWith("key") || lower.endsWith("_no") || lower.endsWith("number");
  }

  private record Builder(ColumnSchema schema, long rows, long missing, long unparseable,
      long distinct) {
    ColumnProfile excluded(String reason) {
      return new ColumnProfile(schema.name(), schema.jdbcType(), schema.typeName(),
          DetectedType.EXCLUDED, "none", false, reason, rows, missing, unparseable, distinct);
    }

    ColumnProfile used(DetectedType type, String encoder) {
      return new ColumnProfile(schema.name(), schema.jdbcType(), schema.typeName(), type, encoder,
          true, null, rows, missing, unparseable, distinct);
    }
  }
}
