package io.rowspace.jdbc.remote;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A statement on a Rowspace server whose {@link #cancel()} stops it on the server (Avatica's own
 * statement only stops reading rows, and waits for the running call to end first), and whose
 * errors read as the server wrote them ({@link ServerError}).
 */
final class RemoteStatement extends AvaticaStatement {
  RemoteStatement(AvaticaConnection connection, Meta.StatementHandle handle, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, handle, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override public boolean execute(String sql) throws SQLException {
    try {
      return super.execute(sql);
    } catch (SQLException e) {
      throw ServerError.plain(e);
    }
  }

  @Override public ResultSet executeQuery(String sql) throws SQLException {
    try {
      return super.executeQuery(sql);
    } catch (SQLException e) {
      throw ServerError.plain(e);
    }
  }

  /** Also what Avatica's {@code executeUpdate(String)}, which is final, runs. */
  @Override public long executeLargeUpdate(String sql) throws SQLException {
    try {
      return super.executeLargeUpdate(sql);
    } catch (SQLException e) {
      throw ServerError.plain(e);
    }
  }

  /**
   * Stops the statement on the server if it runs there (it then fails with SQLSTATE 57014),
   * otherwise stops reading its open result set. Not synchronized, unlike Avatica's: the thread
   * running the statement holds the statement's lock while it waits for the server.
   */
  @Override public void cancel() throws SQLException {
    if (!((RemoteConnection) connection).cancelOnServer(this)) {
      super.cancel();
    }
  }
}
