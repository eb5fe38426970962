package io.rowspace.planner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Date and time values as read through JDBC, as milliseconds since 1970 in UTC, so that the time
 * since a related row does not depend on the time zone of the machine that reads it.
 */
public final class TimeValues {
  /** What {@link #millis} gives for a value that is not a date or time. */
  public static final long NONE = Long.MIN_VALUE;

  private TimeValues() {}

  /** Milliseconds since 1970-01-01T00:00Z of a date or time value, or {@link #NONE}. */
  public static long millis(Object value) {
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toEpochDay() * 86_400_000L;
    }
    if (value instanceof LocalDate d) {
      return d.toEpochDay() * 86_400_000L;
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant().toEpochMilli();
    }
    if (value instanceof ZonedDateTime t) {
      return t.toInstant().toEpochMilli();
    }
    if (value instanceof Instant t) {
      return t.toEpochMilli();
    }
    return NONE;
  }
}
