package io.rowspace.planner;

import java.sql.Types;

/**
 * What a JDBC column type is for planning: whether its values are numbers to summarise,
 * categories to count, or keys that join with which other types.
 */
public enum TypeFamily {
  INTEGER, DECIMAL, FLOAT, TEXT, BOOLEAN, DATE, TIMESTAMP, OTHER;

  /** The family of a {@link java.sql.Types} code. */
  public static TypeFamily of(int jdbcType) {
    return switch (jdbcType) {
      case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> INTEGER;
      case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> FLOAT;
      case Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGVARCHAR,
          Types.LONGNVARCHAR -> TEXT;
      case Types.BOOLEAN, Types.BIT -> BOOLEAN;
      case Types.DATE -> DATE;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP;
      default -> OTHER;
    };
  }

  public boolean isNumeric() {
    return this == INTEGER || this == DECIMAL || this == FLOAT;
  }

  /** Text and booleans: values to count rather than to average. */
  public boolean isCategory() {
    return this == TEXT || this == BOOLEAN;
  }

  /**
   * Whether columns of these two types can be join keys of each other: the same family, with
   * integers and decimals together; types of no known family only with the very same type.
   */
  public static boolean joinable(int jdbcType, int otherJdbcType) {
    TypeFamily a = of(jdbcType);
    TypeFamily b = of(otherJdbcType);
    if (a == OTHER || b == OTHER) {
      return jdbcType == otherJdbcType;
    }
    boolean exact = a == INTEGER || a == DECIMAL;
    return a == b || exact && (b == INTEGER || b == DECIMAL);
  }
}
