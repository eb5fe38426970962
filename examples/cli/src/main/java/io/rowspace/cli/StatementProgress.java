package io.rowspace.cli;

import io.rowspace.jdbc.ProgressListener;
import io.rowspace.jdbc.RowspaceStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Attaches a {@link ProgressListener} to a statement of the Rowspace driver. Statements of other
 * drivers have no progress to report and are left alone, so the launcher keeps working with any
 * JDBC URL.
 */
final class StatementProgress {
  private StatementProgress() {
  }

  /** Registers {@code listener} on {@code statement}; returns whether it is a Rowspace statement. */
  static boolean attach(Statement statement, ProgressListener listener) throws SQLException {
    if (!statement.isWrapperFor(RowspaceStatement.class)) {
      return false;
    }
    statement.unwrap(RowspaceStatement.class).setProgressListener(listener);
    return true;
  }
}
