package io.rowspace.sql.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements a Rowspace connection keeps prepared on its own backing connection for the reads its
 * table functions repeat on every execution of a query (the keyed read of {@code SIMILAR_ROWS}'
 * neighbours), so an execution neither borrows a pool connection nor prepares SQL. They read in
 * the connection's transaction, as the query's scans of the backing tables do. At most
 * {@link #MAX_KEPT} are kept (the least recently used is closed); all close with the connection.
 */
final class KeptStatements implements AutoCloseable {
  /** Statements kept at most: a few spaces' reads, each at a few key counts. */
  static final int MAX_KEPT = 16;

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);

  KeptStatements(Connection connection) {
    this.connection = connection;
  }

  /** The statement of this SQL, prepared on first use. Not to be closed by the caller. */
  synchronized PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null || statement.isClosed()) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
      if (statements.size() > MAX_KEPT) {
        var eldest = statements.entrySet().iterator();
        eldest.next().getValue().close();
        eldest.remove();
      }
    }
    return statement;
  }

  /** Whether a statement of this SQL is kept. */
  synchronized boolean holds(String sql) {
    return statements.containsKey(sql);
  }

  /** Closes and forgets the statement of this SQL, e.g. after it failed. */
  synchronized void forget(String sql) {
    PreparedStatement statement = statements.remove(sql);
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        // a statement that cannot close is gone with its connection
      }
    }
  }

  @Override public synchronized void close() {
    for (String sql : List.copyOf(statements.keySet())) {
      forget(sql);
    }
  }
}
