package io.rowspace.multitable;

import io.rowspace.engine.SqlErrorEntry;
import java.sql.SQLException;

/**
 * The catalogue of errors met while reading a space's tables: each has a stable code (from 82001
 * up, beside the SQL layer's 80001 and the engine's 81001; reported as the exception's vendor
 * code), the SQLSTATE of SPEC section 9 it fails with, and a message naming the table or column
 * and the fix, its parameters counted on every use ({@link SqlErrorEntry} builds the exceptions,
 * as for the SQL layer's catalogue). Reading happens over JDBC, so these are
 * {@link SQLException}s already and the SQL layer passes them on as they are. Codes are never
 * reused or renumbered.
 */
public enum RelatedReadError implements SqlErrorEntry {
  READ_CANCELLED(82001, "57014", "Reading {0} was cancelled."),
  RELATED_TABLE_GONE(82002, "42S02", "Related table '{0}' of the embedding space no longer "
      + "exists. Re-create the table or the space."),
  JOIN_COLUMN_GONE(82003, "42S22", "Column '{0}' of related table '{1}' no longer exists; "
      + "the embedding space joins on it. Re-create the space.");

  private final Definition definition;

  RelatedReadError(int code, String sqlState, String message) {
    this.definition = new Definition(code, sqlState, message);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
