package io.rowspace.sql.pushdown;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backing statements of one Rowspace connection's scans that are running now, so that
 * cancelling the Rowspace statement also stops the backing database's work at once, not only at
 * the next row Calcite reads.
 */
public final class RunningQueries {
  private final Set<Statement> statements = ConcurrentHashMap.newKeySet();

  void add(Statement statement) {
    statements.add(statement);
  }

  void remove(Statement statement) {
    statements.remove(statement);
  }

  /** Cancels every running backing statement; each one fails with the database's 57014. */
  public void cancelAll() {
    for (Statement statement : statements) {
      try {
        statement.cancel();
      } catch (SQLException ignored) {
        // it has ended meanwhile
      }
    }
  }
}
