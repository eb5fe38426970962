package io.rowspace.jdbc.remote;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Why a connection to a Rowspace server failed, in words that name the fix: wrong credentials
 * (28000), a serialization the server does not speak, or no server at the address (08001).
 * Avatica reports these as an HTTP status, a JSON or protobuf parse error, or a socket error.
 */
final class ConnectFailure {
  private ConnectFailure() {
  }

  static SQLException explain(String address, Properties properties, Exception failure) {
    String user = properties.getProperty("avatica_user");
    String serialization = properties.getProperty("serialization");
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("HTTP/401") || message.contains("HTTP/403")) {
        return new SQLException(user == null
            ? "The Rowspace server at " + address + " requires a user: give user and password."
            : "The Rowspace server at " + address + " did not accept user '" + user
                + "': wrong user name or password.", "28000", failure);
      }
      if (isParseError(t.getClass())) {
        String other = serialization.equals("JSON") ? "protobuf" : "json";
        return new SQLException("The Rowspace server at " + address + " does not speak "
            + serialization.toLowerCase(Locale.ROOT) + ". Connect with serialization=" + other
            + ", or match the server's --serialization.", "08001", failure);
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

  /**
   * Whether the server's answer could not be read as the client's serialization: a Jackson
   * processing error or a protobuf one, found by name because the self-contained jar relocates
   * both libraries.
   */
  private static boolean isParseError(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      String name = c.getSimpleName();
      if (name.equals("JsonProcessingException") || name.equals("InvalidProtocolBufferException")) {
        return true;
      }
    }
    return false;
  }
}
