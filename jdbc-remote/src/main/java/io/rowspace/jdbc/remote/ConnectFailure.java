package io.rowspace.jdbc.remote;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;

/**
 * Why a connection to a Rowspace server failed, in words that name the fix. The server's own
 * refusal keeps its SQLSTATE and message: a wrong password (28000), a role that may not raise a
 * setting (42501), plain HTTP to a server that speaks HTTPS only or a serialization the server
 * does not speak (08001). An HTTP 401 or 403, a missing or refused user, becomes 28000; no server
 * at the address, 08001. Avatica reports these as its client's runtime exception, an HTTP status
 * in a message, or a socket error.
 */
final class ConnectFailure {
  private ConnectFailure() {
  }

  static SQLException explain(String address, Properties properties, Exception failure) {
    String user = properties.getProperty("avatica_user");
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AvaticaClientRuntimeException answer && answer.getSqlState() != null) {
        // The server answered: its error, with its state, not an unreachable server's.
        return new SQLException(answer.getMessage(), answer.getSqlState(),
            answer.getErrorCode(), failure);
      }
      String message = String.valueOf(t.getMessage());
      if (message.contains("HTTP/401") || message.contains("HTTP/403")) {
        return new SQLException(user == null
            ? "The Rowspace server at " + address + " needs a user name and password: give "
                + "the connection properties user and password."
            : "The Rowspace server at " + address + " did not accept user '" + user
                + "': wrong user name or password, or the user may not connect.", "28000",
            failure);
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return new SQLException("Cannot reach the Rowspace server at " + address + ": "
            + t.getMessage() + ". Is ./rowspace serve running there?", "08001", failure);
      }
    }
    if (failure instanceof SQLException sql && sql.getSQLState() != null) {
      return sql;
    }
    return new SQLException("Cannot connect to the Rowspace server at " + address + ": "
        + failure.getMessage(), "08001", failure);
  }
}
