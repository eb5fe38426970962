package io.rowspace.jdbc.remote;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A statement on a Rowspace server whose {@link #cancel()} stops it on the server. Avatica's own
 * statement only stops reading rows, and waits for the running call to end first.
 */
final class RemoteStatement extends AvaticaStatement {
  RemoteStatement(AvaticaConnection connection, Meta.StatementHandle handle, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, handle, resultSetType, resultSetConcurrency, resultSetHoldability);
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
