package io.rowspace.jdbc.remote;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * An error the server sent back for a statement, told as the server told it. Avatica's client
 * wraps the server's message twice ({@code Error 0 (42501) : Error while executing SQL "...":
 * Remote driver error: ...}); the user sees only the server's message, with its SQLSTATE and
 * error code, and the wrapped exception as the cause.
 */
final class ServerError {
  private static final String REMOTE = "Remote driver error: ";

  private ServerError() {
  }

  /** {@code e} with the server's own message, or {@code e} itself if it is not Avatica's. */
  static SQLException plain(SQLException e) {
    if (!(e instanceof AvaticaSqlException avatica) || e instanceof SQLTimeoutException) {
      return e;
    }
    String message = avatica.getErrorMessage();
    int remote = message == null ? -1 : message.indexOf(REMOTE);
    if (remote < 0) {
      return e;
    }
    return new SQLException(message.substring(remote + REMOTE.length()), e.getSQLState(),
        e.getErrorCode(), e);
  }
}
