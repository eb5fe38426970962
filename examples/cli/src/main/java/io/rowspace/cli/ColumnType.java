package io.rowspace.cli;

import io.rowspace.engine.profile.DateText;
import io.rowspace.engine.profile.NumberText;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL type of a column imported from CSV, with the rule for which texts it reads and how a
 * text is bound as a parameter.
 *
 * <p>Numbers may be written with a currency symbol, thousands separators, a decimal comma or a
 * percent sign ({@code 12.5%} is 0.125), as {@link NumberText} reads them; dates in ISO form or
 * one of the formats {@link DateText} reads. Numbers with leading zeros ({@code 00501}) are not
 * numbers here: they are codes whose zeros matter, and stay text. {@code NaN}, {@code Infinity},
 * hexadecimal and Java suffixes such as {@code 1d} are not numbers either.
 */
enum ColumnType {
  BOOLEAN("BOOLEAN"),
  INTEGER("INTEGER"),
  BIGINT("BIGINT"),
  DOUBLE("DOUBLE PRECISION"),
  /** Exact numbers; only for existing tables and {@code --types}, never inferred. */
  DECIMAL("DECIMAL"),
  DATE("DATE"),
  TIMESTAMP("TIMESTAMP"),
  VARCHAR("VARCHAR");

  private static final Pattern LEADING_ZERO = Pattern.compile("[^0-9]*0[0-9].*");
  private static final Pattern SQL_NUMBER =
      Pattern.compile("[+-]?((0|[1-9][0-9]*)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern ISO_TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** The type as written in {@code CREATE TABLE}. */
  String sql() {
    return sql;
  }

  /**
   * The type a {@code --types} option names: a constant of this enum, its SQL spelling, or
   * {@code TEXT}, {@code INT}, {@code NUMERIC}, {@code FLOAT}, {@code DATETIME}, in any case.
   *
   * @throws IllegalArgumentException naming the types there are
   */
  static ColumnType named(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT);
    switch (n) {
      case "TEXT":
      case "STRING":
        return VARCHAR;
      case "INT":
        return INTEGER;
      case "NUMERIC":
        return DECIMAL;
      case "FLOAT":
      case "REAL":
        return DOUBLE;
      case "DATETIME":
        return TIMESTAMP;
      default:
        for (ColumnType type : values()) {
          if (type.name().equals(n) || type.sql.equals(n)) {
            return type;
          }
        }
        throw new IllegalArgumentException("Unknown type '" + name + "'; use one of "
            + String.join(", ", List.of("BOOLEAN", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL", "DATE",
                "TIMESTAMP", "VARCHAR")) + ".");
    }
  }

  /** The type to bind values of an existing column of JDBC type {@code jdbcType}. */
  static ColumnType ofJdbcType(int jdbcType) {
    switch (jdbcType) {
      case Types.BOOLEAN:
      case Types.BIT:
        return BOOLEAN;
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
        return INTEGER;
      case Types.BIGINT:
        return BIGINT;
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
        return DOUBLE;
      case Types.DECIMAL:
      case Types.NUMERIC:
        return DECIMAL;
      case Types.DATE:
        return DATE;
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return TIMESTAMP;
      default:
        return VARCHAR;
    }
  }

  /** Whether {@code text} (not blank) is a value of this type as written by default. */
  boolean accepts(String text) {
    return value(text, CellStyle.DEFAULT) != null;
  }

  /**
   * The value {@code text} (not blank) holds as this type, written in {@code style}: a Boolean,
   * Integer, Long, Double, BigDecimal, LocalDate, LocalDateTime or String; {@code null} when the
   * text is not a value of this type.
   */
  Object value(String text, CellStyle style) {
    String t = text.strip();
    switch (this) {
      case BOOLEAN:
        return t.equalsIgnoreCase("true") ? Boolean.TRUE
            : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
      case INTEGER:
      case BIGINT: {
        BigDecimal d = number(t, style);
        if (d == null || d.scale() > 0 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
          return null;
        }
        try {
          long v = d.longValueExact();
          return this == BIGINT ? (Object) v
              : v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : null;
        } catch (ArithmeticException e) {
          return null;
        }
      }
      case DOUBLE: {
        BigDecimal d = number(t, style);
        return d == null ? null : (Object) d.doubleValue();
      }
      case DECIMAL:
        return number(t, style);
      case DATE: {
        LocalDateTime dt = dateTime(t, style);
        return dt == null || !dt.toLocalTime().equals(LocalTime.MIDNIGHT)
            || t.contains(":") ? null : dt.toLocalDate();
      }
      case TIMESTAMP:
        return dateTime(t, style);
      default:
        return text;
    }
  }

  /**
   * Binds {@code text} to parameter {@code index}: null, or blank for a type other than VARCHAR,
   * is SQL NULL.
   *
   * @throws IllegalArgumentException when the text is not a value of this type
   */
  void bind(PreparedStatement insert, int index, String text) throws SQLException {
    bind(insert, index, text, CellStyle.DEFAULT);
  }

  /** Binds {@code text} written in {@code style}; see {@link #bind(PreparedStatement, int, String)}. */
  void bind(PreparedStatement insert, int index, String text, CellStyle style) throws SQLException {
    if (text == null || (this != VARCHAR && text.isBlank())) {
      insert.setNull(index, jdbcType());
      return;
    }
    Object value = value(text, style);
    if (value == null) {
      throw new IllegalArgumentException("'" + text + "' is not a valid " + sql);
    }
    bindValue(insert, index, value);
  }

  /** Binds a value {@link #value} returned, or SQL NULL for {@code null}. */
  void bindValue(PreparedStatement insert, int index, Object value) throws SQLException {
    if (value == null) {
      insert.setNull(index, jdbcType());
    } else if (value instanceof LocalDate d) {
      insert.setDate(index, Date.valueOf(d));
    } else if (value instanceof LocalDateTime t) {
      insert.setTimestamp(index, Timestamp.valueOf(t));
    } else if (value instanceof BigDecimal d) {
      insert.setBigDecimal(index, d);
    } else {
      insert.setObject(index, value);
    }
  }

  private int jdbcType() {
    switch (this) {
      case BOOLEAN:
        return Types.BOOLEAN;
      case INTEGER:
        return Types.INTEGER;
      case BIGINT:
        return Types.BIGINT;
      case DOUBLE:
        return Types.DOUBLE;
      case DECIMAL:
        return Types.DECIMAL;
      case DATE:
        return Types.DATE;
      case TIMESTAMP:
        return Types.TIMESTAMP;
      default:
        return Types.VARCHAR;
    }
  }

  private static BigDecimal number(String t, CellStyle style) {
    if (LEADING_ZERO.matcher(t).matches()) {
      return null;
    }
    if (style.decimalMark() == NumberText.DecimalMark.AUTO && SQL_NUMBER.matcher(t).matches()) {
      return new BigDecimal(t);
    }
    return NumberText.parse(t, style.decimalMark());
  }

  private static LocalDateTime dateTime(String t, CellStyle style) {
    if (ISO_TIMESTAMP.matcher(t).matches()) {
      try {
        return t.length() == 10 ? LocalDate.parse(t).atStartOfDay()
            : LocalDateTime.parse(t.replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return DateText.parse(t, style.dayOrder());
  }
}
