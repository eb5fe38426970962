package io.rowspace.engine.profile;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Profiles the columns of a frame: counts missing, unparseable and distinct values, detects each
 * column's type and excludes the columns a model cannot learn from (identifiers, constants,
 * all-NULL columns, high-cardinality codes, unsupported SQL types), each with a reason a user can
 * act on. Text columns with many distinct values that are not codes are free text.
 *
 * <p>Text columns are looked at value by value: when nearly all of them (see
 * {@link #TYPE_SHARE}) read as dates, numbers, email addresses or URLs the column gets that type,
 * and the few that do not read are counted as unparseable (and encoded as missing). Identifiers
 * are recognised by several signals together, none decisive alone: near-uniqueness, a UUID or
 * hex-hash shape, code-like tokens (no spaces, digits), and an id-like column name.
 */
public final class ColumnProfiler {
  /** Integer columns with at most this many distinct values are treated as category codes. */
  static final int MAX_INTEGER_CODES = 10;
  /** Text columns with more distinct values than this are free text, not categories. */
  static final int MAX_CATEGORIES = 1000;
  /** Share of distinct values above which a column is near-unique. */
  static final double IDENTIFIER_RATIO = 0.95;
  /** Below this many present values, uniqueness says nothing about being an identifier. */
  static final int MIN_ROWS_FOR_IDENTIFIER = 20;
  /** Share of present values that must read as a type for a text column to get that type. */
  static final double TYPE_SHARE = 0.9;
  /** Identifier score at or above which a text column is excluded. */
  static final double IDENTIFIER_SCORE = 0.7;

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

  /** The values of a column read as one kind. */
  private static final class Counts {
    long missing;
    long unparseable;
    boolean integral = true;
    boolean timeOfDay;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final Map<String, Integer> keys = new HashMap<>();

    static Counts of(Object[] values, ValueKind kind) {
      Counts c = new Counts();
      if (kind == ValueKind.OTHER) {
        return c;
      }
      for (Object v : values) {
        if (ValueParser.isMissing(v, kind)) {
          c.missing++;
          continue;
        }
        String key = ValueParser.key(v, kind);
        if (key == null) {
          c.unparseable++;
          continue;
        }
        c.keys.merge(key, 1, Integer::sum);
        if (kind == ValueKind.NUMBER || kind == ValueKind.TEMPORAL) {
          double d = ValueParser.number(v, kind);
          c.integral &= d == Math.rint(d);
          c.timeOfDay |= kind == ValueKind.TEMPORAL && d != Math.floor(d);
          c.min = Math.min(c.min, d);
          c.max = Math.max(c.max, d);
        }
      }
      return c;
    }

    long present(long rows) {
      return rows - missing - unparseable;
    }
  }

  /** How the present values of a text column read, counted per value (not per distinct value). */
  private static final class TextShapes {
    long dates;
    long numbers;
    long emails;
    long urls;
    long uuids;
    long hashes;
    long codes;
    final Set<String> domains = new HashSet<>();

    static TextShapes of(Map<String, Integer> keys) {
      TextShapes s = new TextShapes();
      for (Map.Entry<String, Integer> e : keys.entrySet()) {
        String v = e.getKey();
        int n = e.getValue();
        if (TextPatterns.looksLikeDate(v) && ValueParser.key(v, ValueKind.TEMPORAL) != null) {
          s.dates += n;
        }
        if (ValueParser.key(v, ValueKind.NUMBER) != null) {
          s.numbers += n;
        }
        if (TextPatterns.isEmail(v)) {
          s.emails += n;
          s.domains.add(TextPatterns.emailDomain(v));
        } else if (TextPatterns.isUrl(v)) {
          s.urls += n;
          s.domains.add(TextPatterns.url(v).host());
        }
        if (TextPatterns.isUuid(v)) {
          s.uuids += n;
        } else if (TextPatterns.isHexHash(v)) {
          s.hashes += n;
        }
        if (TextPatterns.isCodeLike(v)) {
          s.codes += n;
        }
      }
      return s;
    }
  }

  private static ColumnProfile profileColumn(
      ColumnSchema schema, Object[] values, Map<String, String> forcedExclusions) {
    ValueKind kind = ValueKind.of(schema.jdbcType());
    Counts counts = Counts.of(values, kind);
    long rows = values.length;
    Builder b = new Builder(schema, rows, counts);

    String forced = forcedExclusions == null ? null : forcedExclusions.get(schema.name());
    if (forced != null) {
      return b.excluded(forced);
    }
    if (kind == ValueKind.OTHER) {
      return b.excluded("unsupported SQL type " + schema.typeName()
          + ": only numbers, text, booleans, dates and timestamps are encoded");
    }
    long present = counts.present(rows);
    if (present == 0) {
      return b.excluded(counts.unparseable > 0
          ? "no value could be read as " + kind.name().toLowerCase(Locale.ROOT)
              + " (" + counts.unparseable + " unparseable)"
          : "all values are NULL");
    }
    if (counts.keys.size() == 1) {
      return b.excluded("constant: single value '" + counts.keys.keySet().iterator().next() + "'");
    }
    switch (kind) {
      case NUMBER:
        return numeric(b, counts, schema.name(), rows);
      case BOOLEAN:
        return b.used(DetectedType.BOOLEAN, "boolean");
      case TEMPORAL:
        return timestamp(b, counts);
      case TEXT:
      default:
        return text(schema, values, b, counts, rows);
    }
  }

  private static ColumnProfile numeric(Builder b, Counts counts, String name, long rows) {
    long present = counts.present(rows);
    long distinct = counts.keys.size();
    if (counts.integral && distinct == present && present >= MIN_ROWS_FOR_IDENTIFIER) {
      boolean sequential = counts.max - counts.min + 1 <= 1.5 * distinct;
      boolean idName = isIdLikeName(name);
      if (sequential || idName) {
        List<String> signals = new ArrayList<>();
        signals.add("all " + distinct + " values distinct");
        if (sequential) {
          signals.add(String.format(Locale.ROOT, "a near-sequential run from %.0f to %.0f",
              counts.min, counts.max));
        }
        if (idName) {
          signals.add("an id-like name");
        }
        return b.excluded("identifier: surrogate key (unique integers: "
            + String.join(", ", signals) + ")");
      }
    }
    if (counts.integral && distinct <= MAX_INTEGER_CODES) {
      return b.used(DetectedType.CATEGORICAL, "categorical(embedding, " + distinct + " values)");
    }
    return b.used(DetectedType.SCALAR,
        "scalar(standardised, log, robust, quantile rank, quantile bins, sign/outlier flags)");
  }

  private static ColumnProfile timestamp(Builder b, Counts counts) {
    return b.used(DetectedType.TIMESTAMP, counts.timeOfDay
        ? "timestamp(cyclical hour/weekday/day/month + linear time)"
        : "date(cyclical weekday/day/month + linear time)");
  }

  private static ColumnProfile text(ColumnSchema schema, Object[] values, Builder b,
      Counts counts, long rows) {
    long present = counts.present(rows);
    long distinct = counts.keys.size();
    if (distinct == 2 && counts.keys.keySet().stream().allMatch(ValueParser::isBooleanWord)) {
      return b.used(DetectedType.BOOLEAN, "boolean");
    }
    TextShapes shapes = TextShapes.of(counts.keys);
    double need = TYPE_SHARE * present;
    if (shapes.dates >= need) {
      Counts asTime = Counts.of(values, ValueKind.TEMPORAL);
      if (asTime.keys.size() > 1) {
        return timestamp(new Builder(schema, rows, asTime), asTime);
      }
    }
    if (shapes.numbers >= need) {
      Counts asNumber = Counts.of(values, ValueKind.NUMBER);
      if (asNumber.keys.size() > 1) {
        ColumnProfile numeric = numeric(new Builder(schema, rows, asNumber), asNumber,
            schema.name(), rows);
        // Small integer codes written as text stay categories of their text (as read).
        if (numeric.detectedType() != DetectedType.CATEGORICAL) {
          return numeric;
        }
      }
    }
    if (shapes.emails >= need) {
      return b.withUnparseable(present - shapes.emails).used(DetectedType.EMAIL,
          "email(domain: " + shapes.domains.size() + " values, top-level domain, free-mail flag, "
              + "local-part length)");
    }
    if (shapes.urls >= need) {
      return b.withUnparseable(present - shapes.urls).used(DetectedType.URL,
          "url(domain: " + shapes.domains.size() + " values, top-level domain, scheme, "
              + "path depth, query flag)");
    }
    String identifier = identifierReason(schema.name(), present, distinct, shapes);
    if (identifier != null) {
      return b.excluded(identifier);
    }
    if (distinct > MAX_CATEGORIES || (distinct > 50 && distinct > 0.5 * present)) {
      if (shapes.codes >= need) {
        return b.excluded("high-cardinality codes (" + distinct + " distinct code-like values in "
            + present + " rows): neither categories nor text");
      }
      return b.used(DetectedType.TEXT, "text(" + distinct + " distinct values)");
    }
    return b.used(DetectedType.CATEGORICAL, "categorical(embedding, " + distinct + " values)");
  }

  /**
   * Weighs the signals that a text column identifies rows rather than describing them, or returns
   * {@code null} when together they are not enough: near-uniqueness (0.3), a UUID or hex-hash
   * shape (0.5), code-like tokens in a mostly distinct column (0.4), an id-like name (0.1).
   */
  private static String identifierReason(String name, long present, long distinct,
      TextShapes shapes) {
    double need = TYPE_SHARE * present;
    boolean unique = present >= MIN_ROWS_FOR_IDENTIFIER && distinct > IDENTIFIER_RATIO * present;
    boolean uuid = shapes.uuids >= need;
    boolean hash = !uuid && shapes.hashes >= need;
    boolean codes = shapes.codes >= need && distinct >= 0.5 * present;
    boolean idName = isIdLikeName(name);
    double score = (unique ? 0.3 : 0) + (uuid || hash ? 0.5 : 0) + (codes ? 0.4 : 0)
        + (idName ? 0.1 : 0);
    if (score < IDENTIFIER_SCORE) {
      return null;
    }
    String what = uuid ? "UUIDs" : hash ? "hex hashes" : unique ? "near-unique strings"
        : "code-like strings";
    List<String> signals = new ArrayList<>();
    signals.add(distinct + " distinct values in " + present + " rows");
    if (uuid) {
      signals.add("UUID format");
    }
    if (hash) {
      signals.add("hex digits only");
    }
    if (codes && !uuid && !hash) {
      signals.add("code-like tokens without spaces");
    }
    if (idName) {
      signals.add("id-like name");
    }
    return "identifier: " + what + " (" + String.join(", ", signals) + ")";
  }

  private static boolean isIdLikeName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("id") || lower.endsWith("_id") || name.endsWith("Id")
        || lower.endsWith("key") || lower.endsWith("_no") || lower.endsWith("number")
        || lower.contains("uuid") || lower.contains("guid") || lower.endsWith("hash")
        || lower.endsWith("token");
  }

  private record Builder(ColumnSchema schema, long rows, long missing, long unparseable,
      long distinct) {
    Builder(ColumnSchema schema, long rows, Counts counts) {
      this(schema, rows, counts.missing, counts.unparseable, counts.keys.size());
    }

    /** The same counts, with values that do not read as the detected type counted apart. */
    Builder withUnparseable(long count) {
      return new Builder(schema, rows, missing, count, distinct);
    }

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
