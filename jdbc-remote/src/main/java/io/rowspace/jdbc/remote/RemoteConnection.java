package io.rowspace.jdbc.remote;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * A connection to a Rowspace server: Avatica's remote connection that also times its statements
 * out and cancels them on the server ({@link QueryTimer}, {@link ServerCall#CANCEL}), and answers
 * the metadata Avatica's protocol lacks through {@link ServerCall#METADATA}.
 */
final class RemoteConnection extends AvaticaConnection {
  /** The statements of this connection waiting for the server. */
  private final Set<AvaticaStatement> executing = ConcurrentHashMap.newKeySet();

  RemoteConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info) {
    super(driver, factory, url, info);
  }

  @Override protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement,
      String sql, long maxRowCount) throws SQLException, NoSuchStatementException {
    QueryTimer timer = startTimer(statement);
    try {
      return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
    } catch (RuntimeException e) {
      if (timer.fired()) {
        throw timer.timedOut(e);
      }
      throw e;
    } finally {
      stopTimer(statement, timer);
    }
  }

  @Override protected ResultSet executeQueryInternal(AvaticaStatement statement,
      Meta.Signature signature, Meta.Frame firstFrame, QueryState state, boolean isUpdate)
      throws SQLException {
    if (!(statement instanceof PreparedStatement)) {
      // A plain statement's rows, already timed by prepareAndExecuteInternal.
      return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    }
    QueryTimer timer = startTimer(statement);
    try {
      return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    } catch (SQLException e) {
      throw timer.translate(e);
    } catch (RuntimeException e) {
      if (timer.fired()) {
        throw timer.timedOut(e);
      }
      throw e;
    } finally {
      stopTimer(statement, timer);
    }
  }

  private QueryTimer startTimer(AvaticaStatement statement) throws SQLException {
    executing.add(statement);
    return QueryTimer.start(statement.getQueryTimeout(), () -> cancelOnServer(statement));
  }

  private void stopTimer(AvaticaStatement statement, QueryTimer timer) {
    timer.stop();
    executing.remove(statement);
  }

  /**
   * Stops {@code statement} on the server if it is running there.
   *
   * @return whether it was running
   */
  boolean cancelOnServer(AvaticaStatement statement) {
    if (!executing.contains(statement) || isClosed()) {
      return false;
    }
    try (Statement control = createStatement()) {
      control.execute(ServerCall.cancel(statement.getId()).toSql());
    } catch (SQLException | RuntimeException e) {
      // The statement finished or the connection broke meanwhile: nothing left to stop.
      return false;
    }
    return true;
  }

  /** A database property the server reports (product name, version and the like). */
  <T> T serverProperty(Meta.DatabaseProperty property, Class<T> type) {
    return property.getProp(meta, handle, type);
  }

  /** The result of a {@link java.sql.DatabaseMetaData} method run on the server. */
  ResultSet serverMetadata(String method, Object... arguments) throws SQLException {
    Statement statement = createStatement();
    try {
      statement.closeOnCompletion();
      return statement.executeQuery(ServerCall.metadata(method, arguments).toSql());
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  @Override public boolean isClosed() {
    try {
      return super.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
