package io.rowspace.sql.function;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps backing-database columns into Calcite: their SQL type, and their values in the Java form
 * Calcite's generated code expects of a scanned table (dates as days, timestamps as millis).
 */
final class CalciteValues {
  private CalciteValues() {
  }

  static RelDataType type(RelDataTypeFactory typeFactory, int jdbcType) {
    SqlTypeName name = SqlTypeName.getNameForJdbcType(jdbcType);
    if (name == null || jdbcType == Types.OTHER || jdbcType == Types.JAVA_OBJECT) {
      name = SqlTypeName.VARCHAR;
    }
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(name), true);
  }

  static Object value(Object value, int jdbcType) {
    if (value == null) {
      return null;
    }
    SqlTypeName name = SqlTypeName.getNameForJdbcType(jdbcType);
    if (name == null) {
      return value.toString();
    }
    switch (name) {
    case TINYINT:
      return ((Number) value).byteValue();
    case SMALLINT:
      return ((Number) value).shortValue();
    case INTEGER:
      return ((Number) value).intValue();
    case BIGINT:
      return ((Number) value).longValue();
    case REAL:
      return ((Number) value).floatValue();
    case FLOAT:
    case DOUBLE:
      return ((Number) value).doubleValue();
    case DECIMAL:
      return value instanceof BigDecimal ? value : new BigDecimal(value.toString());
    case BOOLEAN:
      return value;
    case DATE:
      LocalDate date = value instanceof Date ? ((Date) value).toLocalDate() : (LocalDate) value;
      return (int) date.toEpochDay();
    case TIME:
      return (int) (((Time) value).toLocalTime().toNanoOfDay() / 1_000_000);
    case TIMESTAMP:
      LocalDateTime time = value instanceof Timestamp ? ((Timestamp) value).toLocalDateTime()
          : (LocalDateTime) value;
      return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    case BINARY:
    case VARBINARY:
      return value;
    default:
      return value.toString();
    }
  }
}
