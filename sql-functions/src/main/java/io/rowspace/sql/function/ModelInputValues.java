package io.rowspace.sql.function;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The values of a model call's input columns as the engine receives them. A query hands them over
 * in Calcite's internal representation (a DATE as days since 1970, a TIME as milliseconds of the
 * day, a TIMESTAMP as milliseconds since 1970 of its wall-clock time); the engine was trained on
 * what the backing database's JDBC driver returns from {@code ResultSet.getObject}
 * ({@code java.sql.Date}, {@code Time}, {@code Timestamp}, {@code BigDecimal}, {@code Boolean},
 * {@code String}, boxed numbers). Each value is converted to that form, so a model sees at query
 * time the same value it saw in training.
 */
final class ModelInputValues {
  private static final long MILLIS_PER_SECOND = 1000L;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private ModelInputValues() {
  }

  /** One value of SQL type {@code type}, from Calcite's representation to the engine's. */
  static Object engineValue(Object value, SqlTypeName type) {
    if (value == null) {
      return null;
    }
    switch (type) {
    case DATE:
      return value instanceof Integer days ? Date.valueOf(LocalDate.ofEpochDay(days)) : value;
    case TIME:
      return value instanceof Integer millis
          ? Time.valueOf(LocalTime.ofNanoOfDay(millis * NANOS_PER_MILLI)) : value;
    case TIMESTAMP:
      if (value instanceof Long millis) {
        long seconds = Math.floorDiv(millis, MILLIS_PER_SECOND);
        int nanos = (int) (Math.floorMod(millis, MILLIS_PER_SECOND) * NANOS_PER_MILLI);
        return Timestamp.valueOf(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
      }
      return value;
    case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      // An instant, as the driver's Timestamp of a time-zoned column
      return value instanceof Long millis ? new Timestamp(millis) : value;
    case BINARY:
    case VARBINARY:
      return value instanceof ByteString bytes ? bytes.getBytes() : value;
    default:
      // Numbers (boxed, BigDecimal for DECIMAL), Boolean and String are what JDBC gives
      return value;
    }
  }

  /**
   * Rows of a call's input values as a Frame of the model's input columns: {@code names[i]} is the
   * column of {@code rows[r][i]}, whose SQL type is {@code types[i]}. Names that are not inputs
   * of the model are left out; inputs not named stay absent, which the engine treats as missing.
   */
  static Frame frame(Map<String, ColumnSchema> inputs, List<String> names,
      List<SqlTypeName> types, List<? extends List<Object>> rows) {
    List<ColumnSchema> schemas = new ArrayList<>();
    List<Object[]> cells = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      ColumnSchema schema = inputs.get(names.get(c));
      if (schema == null) {
        continue;
      }
      Object[] column = new Object[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        column[r] = engineValue(rows.get(r).get(c), types.get(c));
      }
      schemas.add(schema);
      cells.add(column);
    }
    return new Frame(schemas, cells);
  }
}
