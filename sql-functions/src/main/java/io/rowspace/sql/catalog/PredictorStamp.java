package io.rowspace.sql.catalog;

import java.time.Instant;

/**
 * What tells one stored state of a predictor, and of the space it reads, from another: every
 * statement that changes a predictor's catalog row (CREATE [OR REPLACE], ROLLBACK, IMPORT) changes
 * its version, checksum or creation time, replacing or rolling back its space changes its status,
 * and the space's own changes show in the space's {@link SpaceStamp}; DROP removes the row. A
 * query executed again reads this narrow row instead of the two whole records when it holds the
 * records of an earlier execution.
 *
 * @param space the stamp of the READY space of the predictor's space name, or null if there is
 *     none
 */
public record PredictorStamp(int version, String checksum, String status, Instant createdAt,
    SpaceStamp space) {

  /** The stamp of records read in full: a predictor and the space it was bound with. */
  public static PredictorStamp of(PredictorRecord predictor, SpaceRecord space) {
    return new PredictorStamp(predictor.version(), predictor.checksum(), predictor.status(),
        predictor.createdAt(), space == null ? null : SpaceStamp.of(space));
  }
}
