package io.rowspace.engine.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads JDBC values, or their SQL text form, as numbers and canonical category keys. Canonical
 * keys make equal values equal whatever their Java type: in a numeric column {@code Integer 1},
 * {@code "1"}, {@code BigDecimal 1.0} and {@code "1.0E0"} all have the key {@code "1"}; in a text
 * column {@code "web  "} (a padded CHAR) and {@code "web"} have the key {@code "web"}.
 *
 * <p>Text that is not a plain SQL number or ISO date is read as people write them:
 * {@code "$13,979.00"} is a number ({@link NumberText}), {@code "Jan 5, 2024"} a date
 * ({@link DateText}).
 */
public final class ValueParser {
  private ValueParser() {}

  /**
   * Whether a value is missing: {@code null}, or a blank string in a column that is not text.
   */
  public static boolean isMissing(Object value, ValueKind kind) {
    if (value == null) {
      return true;
    }
    return kind != ValueKind.TEXT && value instanceof String s && s.isBlank();
  }

  /**
   * The value as a number, or {@code NaN} when it cannot be parsed as the column's kind. Call only
   * for values that are not {@linkplain #isMissing missing}.
   */
  public static double number(Object value, ValueKind kind) {
    if (kind == ValueKind.TEMPORAL) {
      return days(value);
    }
    if (kind == ValueKind.BOOLEAN) {
      Boolean b = bool(value);
      return b == null ? Double.NaN : b ? 1.0 : 0.0;
    }
    // The typed values queries pass, without a decimal round trip: the same doubles as through
    // BigDecimal (a double's shortest decimal reads back as itself, a long converts exactly
    // rounded either way), and zero without its sign, as BigDecimal has none.
    if (value instanceof Double x) {
      double v = x;
      return Double.isFinite(v) ? v + 0.0 : Double.NaN;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    BigDecimal d = decimal(value);
    return d == null ? Double.NaN : d.doubleValue();
  }

  /**
   * The canonical key of a value, or {@code null} when it cannot be parsed as the column's kind.
   * Call only for values that are not {@linkplain #isMissing missing}.
   */
  public static String key(Object value, ValueKind kind) {
    switch (kind) {
      case NUMBER: {
        BigDecimal d = decimal(value);
        return d == null ? null : canonical(d);
      }
      case BOOLEAN: {
        Boolean b = bool(value);
        return b == null ? null : b.toString();
      }
      case TEMPORAL: {
        double days = days(value);
        return Double.isNaN(days) ? null : canonical(BigDecimal.valueOf(days));
      }
      case TEXT:
        if (value instanceof String s) {
          // CHAR(n) pads with spaces; trailing blanks never tell two categories apart.
          return s.stripTrailing();
        }
        if (value instanceof Boolean b) {
          return b.toString();
        }
        if (value instanceof Number) {
          BigDecimal d = decimal(value);
          return d == null ? value.toString() : canonical(d);
        }
        return value.toString();
      default:
        return null;
    }
  }

  /** Whether a key (lower-cased) is one of the spellings {@link #bool} accepts. */
  public static boolean isBooleanWord(String key) {
    return bool(key) != null;
  }

  private static String canonical(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    return d.stripTrailingZeros().toPlainString();
  }

  private static BigDecimal decimal(Object value) {
    try {
      if (value instanceof BigDecimal d) {
        return d;
      }
      if (value instanceof Integer || value instanceof Long || value instanceof Short
          || value instanceof Byte) {
        return BigDecimal.valueOf(((Number) value).longValue());
      }
      if (value instanceof BigInteger i) {
        return new BigDecimal(i);
      }
      if (value instanceof Float f) {
        return Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : null;
      }
      if (value instanceof Number n) {
        double d = n.doubleValue();
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
      }
      if (value instanceof Boolean b) {
        return b ? BigDecimal.ONE : BigDecimal.ZERO;
      }
      if (value instanceof String s) {
        return new BigDecimal(s.trim());
      }
    } catch (NumberFormatException e) {
      // Currency symbols, thousands separators, decimal commas and percent signs.
      return NumberText.parse((String) value);
    }
    return null;
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d == 1.0 ? Boolean.TRUE : d == 0.0 ? Boolean.FALSE : null;
    }
    if (value instanceof String s) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true": case "t": case "yes": case "y": case "1":
          return Boolean.TRUE;
        case "false": case "f": case "no": case "n": case "0":
          return Boolean.FALSE;
        default:
          return null;
      }
    }
    return null;
  }

  private static double days(Object value) {
    final double secondsPerDay = 86_400.0;
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toEpochDay();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toEpochSecond(ZoneOffset.UTC) / secondsPerDay;
    }
    if (value instanceof LocalDate d) {
      return d.toEpochDay();
    }
    if (value instanceof LocalDateTime t) {
      return t.toEpochSecond(ZoneOffset.UTC) / secondsPerDay;
    }
    if (value instanceof OffsetDateTime t) {
      return t.toEpochSecond() / secondsPerDay;
    }
    if (value instanceof Instant i) {
      return i.getEpochSecond() / secondsPerDay;
    }
    if (value instanceof java.util.Date d) {
      return d.getTime() / 1000.0 / secondsPerDay;
    }
    if (value instanceof String s) {
      String t = s.trim();
      try {
        if (t.length() <= 10) {
          return LocalDate.parse(t).toEpochDay();
        }
        String iso = t.replace(' ', 'T');
        try {
          return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC) / secondsPerDay;
        } catch (DateTimeParseException e) {
          return OffsetDateTime.parse(iso).toEpochSecond() / secondsPerDay;
        }
      } catch (DateTimeParseException e) {
        LocalDateTime written = DateText.parse(t);
        return written == null ? Double.NaN
            : written.toEpochSecond(ZoneOffset.UTC) / secondsPerDay;
      }
    }
    return Double.NaN;
  }
}
