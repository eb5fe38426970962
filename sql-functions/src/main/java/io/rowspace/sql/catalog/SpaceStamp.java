package io.rowspace.sql.catalog;

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
}
