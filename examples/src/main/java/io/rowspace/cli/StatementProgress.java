package io.rowspace.cli;

import io.rowspace.jdbc.ProgressListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Attaches a {@link ProgressListener} to a statement of the Rowspace driver, through
 * {@code statement.unwrap(io.rowspace.jdbc.RowspaceStatement.class).setProgressListener(..)}.
 * Statements of other drivers have no progress to report and are left alone.
 */
final class StatementProgress {
  private static final String ROWSPACE_STATEMENT = "io.rowspace.jdbc.RowspaceStatement";

  private StatementProgress() {
  }

  /** Registers {@code listener} on {@code statement}; returns whether the driver accepted it. */
  static boolean attach(Statement statement, ProgressListener listener) throws SQLException {
    Class<?> rowspaceStatement;
    try {
      rowspaceStatement = Class.forName(ROWSPACE_STATEMENT, false, StatementProgress.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return false;
    }
    if (!statement.isWrapperFor(rowspaceStatement)) {
      return false;
    }
    Object unwrapped = statement.unwrap(rowspaceStatement);
    try {
      Method setter = rowspaceStatement.getMethod("setProgressListener", ProgressListener.class);
      setter.invoke(unwrapped, listener);
      return true;
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return false;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException) {
        throw (SQLException) cause;
      }
      throw new SQLException("Cannot register a progress listener: " + cause, "HY000", cause);
    }
  }
}
