package io.rowspace.cli;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL type of a column imported from CSV, with the rule for which texts it accepts and how a
 * text is bound as a parameter.
 *
 * <p>Numbers with leading zeros ({@code 00501}) are not numbers here: they are codes whose zeros
 * matter, and stay text. {@code NaN}, {@code Infinity}, hexadecimal and Java suffixes such as
 * {@code 1d} are not numbers either.
 */
enum ColumnType {
  BOOLEAN("BOOLEAN"),
  INTEGER("INTEGER"),
  BIGINT("BIGINT"),
  DOUBLE("DOUBLE PRECISION"),
  /** Exact numbers; only for existing tables, never inferred. */
  DECIMAL("DECIMAL"),
  DATE("DATE"),
  TIMESTAMP("TIMESTAMP"),
  VARCHAR("VARCHAR");

  private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL_TEXT =
      Pattern.compile("[+-]?((0|[1-9][0-9]*)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern DATE_TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern TIMESTAMP_TEXT =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** The type as written in {@code CREATE TABLE}. */
  String sql() {
    return sql;
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

  /** Whether {@code text} (not blank) is a value of this type. */
  boolean accepts(String text) {
    String t = text.strip();
    switch (this) {
      case BOOLEAN:
        return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
      case INTEGER:
        return INTEGER_TEXT.matcher(t).matches() && fitsLong(t) && fitsInt(Long.parseLong(t));
      case BIGINT:
        return INTEGER_TEXT.matcher(t).matches() && fitsLong(t);
      case DOUBLE:
      case DECIMAL:
        return DECIMAL_TEXT.matcher(t).matches();
      case DATE:
        return DATE_TEXT.matcher(t).matches() && parses(t);
      case TIMESTAMP:
        return TIMESTAMP_TEXT.matcher(t).matches() && parses(t);
      default:
        return true;
    }
  }

  /**
   * Binds {@code text} to parameter {@code index}: null, or blank for a type other than VARCHAR,
   * is SQL NULL.
   *
   * @throws IllegalArgumentException when the text is not a value of this type
   */
  void bind(PreparedStatement insert, int index, String text) throws SQLException {
    if (text == null || (this != VARCHAR && text.isBlank())) {
      insert.setNull(index, jdbcType());
      return;
    }
    if (!accepts(text)) {
      throw new IllegalArgumentException("'" + text + "' is not a valid " + sql);
    }
    String t = text.strip();
    switch (this) {
      case BOOLEAN:
        insert.setBoolean(index, Boolean.parseBoolean(t.toLowerCase(Locale.ROOT)));
        break;
      case INTEGER:
        insert.setInt(index, Integer.parseInt(t));
        break;
      case BIGINT:
        insert.setLong(index, Long.parseLong(t));
        break;
      case DOUBLE:
        insert.setDouble(index, Double.parseDouble(t));
        break;
      case DECIMAL:
        insert.setBigDecimal(index, new BigDecimal(t));
        break;
      case DATE:
        insert.setDate(index, Date.valueOf(LocalDate.parse(t)));
        break;
      case TIMESTAMP:
        insert.setTimestamp(index, Timestamp.valueOf(toDateTime(t)));
        break;
      default:
        insert.setString(index, text);
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

  private static boolean fitsLong(String t) {
    try {
      Long.parseLong(t);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean fitsInt(long value) {
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
  }

  private static boolean parses(String t) {
    try {
      toDateTime(t);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static LocalDateTime toDateTime(String t) {
    return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t.replace(' ', 'T'));
  }
}
