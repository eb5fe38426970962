package io.rowspace.engine.profile;

import java.sql.Types;

/** The family of a column's values, which decides how text and objects are parsed. */
public enum ValueKind {
  /** Integers and decimals; canonical keys are plain decimal strings. */
  NUMBER,
  /** True or false. */
  BOOLEAN,
  /** Strings, kept as they are. */
  TEXT,
  /** Dates and timestamps, read as (fractional) days since 1970-01-01. */
  TEMPORAL,
  /** Binary, arrays, structured values: not readable by the engine yet. */
  OTHER;

  /** The value kind of a SQL type code from {@link Types}. */
  public static ValueKind of(int jdbcType) {
    switch (jdbcType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.NUMERIC:
      case Types.DECIMAL:
        return NUMBER;
      case Types.BOOLEAN:
      case Types.BIT:
        return BOOLEAN;
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
        return TEXT;
      case Types.DATE:
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return TEMPORAL;
      default:
        return OTHER;
    }
  }
}
