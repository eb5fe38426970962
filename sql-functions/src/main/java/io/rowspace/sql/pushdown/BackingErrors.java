package io.rowspace.sql.pushdown;

import io.rowspace.sql.error.SqlStates;
import java.sql.SQLException;

/**
 * The backing database's refusal of a {@link BackingQuery}, as the user's error: the database's
 * own message without the generated SQL it quotes, and the SQLSTATEs of SPEC section 9 for an
 * unknown table or column (H2 and PostgreSQL have their own codes for them). It stays the
 * database's error, not an entry of Rowspace's catalogue ({@code ErrorCode}): its message is the
 * database's and it keeps the database's vendor code.
 */
public final class BackingErrors {
  private BackingErrors() {
  }

  public static SQLException of(SQLException error) {
    String message = error.getMessage() == null ? "The backing database refused the query"
        : error.getMessage();
    int sql = message.indexOf("; SQL statement:");
    if (sql >= 0) {
      message = message.substring(0, sql);
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    message = message.replaceFirst("^ERROR: ", "").strip();
    String state = error.getSQLState();
    if ("42122".equals(state) || "42703".equals(state)) {
      state = SqlStates.UNKNOWN_COLUMN;
    } else if ("42102".equals(state) || "42104".equals(state) || "42P01".equals(state)) {
      state = SqlStates.UNKNOWN_TABLE;
    } else if (state == null) {
      state = SqlStates.SYNTAX;
    }
    if (!message.endsWith(".")) {
      message = message + ".";
    }
    return new SQLException(message, state, error.getErrorCode(), error);
  }
}
