package io.rowspace.multitable;

import io.rowspace.engine.MessageTemplate;

import java.sql.SQLException;

/**
 * The catalogue of errors met while reading a space's tables: each has a stable code (from 82001
 * up, beside the SQL layer's 80001 and the engine's 81001; reported as the exception's vendor
 * code), the SQLSTATE of SPEC section 9 it fails with, and a message naming the table or column
 * and the fix ({@link MessageTemplate}, its parameters counted on every use). Reading happens
 * over JDBC, so these are {@link SQLException}s already and the SQL layer passes them on as they
 * are. Codes are never reused or renumbered.
 */
public enum RelatedReadError {
  READ_CANCELLED(82001, "57014", "Reading {0} was cancelled."),
  RELATED_TABLE_GONE(82002, "42S02", "Related table '{0}' of the embedding space no longer "
      + "exists. Re-create the table or the space."),
  JOIN_COLUMN_GONE(82003, "42S22", "Column '{0}' of related table '{1}' no longer exists; "
      + "the embedding space joins on it. Re-create the space.");

  private final int code;
  private final String sqlState;
  private final MessageTemplate message;

  RelatedReadError(int code, String sqlState, String message) {
    this.code = code;
    this.sqlState = sqlState;
    this.message = new MessageTemplate(message);
  }

  /** The stable number of this error. */
  public int code() {
    return code;
  }

  public String sqlState() {
    return sqlState;
  }

  public MessageTemplate message() {
    return message;
  }

  /** The error as an exception carrying its SQLSTATE and code. */
  public SQLException exception(Object... arguments) {
    return new SQLException(message.fill(name(), arguments), sqlState, code);
  }
}
