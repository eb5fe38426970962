package io.rowspace.sql.error;

import java.sql.SQLException;

/**
 * Carries a {@link SQLException} through code that cannot throw checked exceptions: the bodies of
 * SQL functions that Calcite calls per row. The JDBC layer unwraps it, so the user sees the
 * original SQLSTATE and message.
 */
public final class RowspaceRuntimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RowspaceRuntimeException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  public SQLException sqlException() {
    return (SQLException) getCause();
  }
}
