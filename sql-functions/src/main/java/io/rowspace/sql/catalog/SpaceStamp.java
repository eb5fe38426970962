package io.rowspace.sql.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * What tells one stored state of a space from another: every statement that changes a space's
 * catalog row (CREATE [OR REPLACE], REFRESH, ROLLBACK, ADD COLUMNS, IMPORT) changes its version,
 * a checksum or its creation time, and DROP removes the row. A query executed again reads this
 * narrow row instead of the whole record when it has the record of an earlier execution.
 */
public record SpaceStamp(int version, String checksum, String vectorsChecksum,
    String indexChecksum, Instant createdAt) {

  /** The stamp of a record read in full. */
  public static SpaceStamp of(SpaceRecord record) {
    return new SpaceStamp(record.version(), record.checksum(), record.vectorsChecksum(),
        record.indexChecksum(), record.createdAt());
  }

  /**
   * The stamp in five columns of a result row from {@code first} on (version, checksum,
   * vectors_checksum, index_checksum, created_at), or null where created_at is NULL (no space).
   */
  static SpaceStamp read(ResultSet rs, int first) throws SQLException {
    Timestamp created = rs.getTimestamp(first + 4);
    return created == null ? null : new SpaceStamp(rs.getInt(first), rs.getString(first + 1),
        rs.getString(first + 2), rs.getString(first + 3), created.toInstant());
  }
}
