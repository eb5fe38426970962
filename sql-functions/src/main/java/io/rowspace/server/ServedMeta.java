package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import io.rowspace.jdbc.remote.CarriedValue;
import io.rowspace.jdbc.remote.ServerCall;
import java.lang.ref.WeakReference;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's JDBC meta over the served database, answering the Rowspace driver's
 * {@link ServerCall}s itself: {@code CANCEL} stops a running statement of the caller's connection
 * (Rowspace's statements stop training at the next batch and fail with SQLSTATE 57014), and
 * {@code METADATA} runs a {@link DatabaseMetaData} method that Avatica's protocol has no request
 * for (keys, foreign keys, indexes) on the caller's connection. The caller's connection is the one
 * its request names, which the {@link ConnectionGuard} has checked it owns; so a call runs with
 * the rights of the caller's role, and a client cannot stop another connection's statements even
 * knowing their ids. {@link RoleMeta} adds how each connection is opened. The values of every
 * result set reach the frames through {@link ServedValues}, so that each type of the database
 * travels with its value, class and text.
 *
 * <p>Its failures are runtime exceptions around the {@link SQLException}, as Avatica's own
 * meta's are: the guard words a refusal for lack of rights from it, and {@link ErrorStates} sends
 * its SQLSTATE to the client.
 */
class ServedMeta extends JdbcMeta {
  /** The metadata methods a client may call, with their argument count. */
  private static final Map<String, Integer> METADATA_METHODS = Map.of(
      "getPrimaryKeys", 3, "getImportedKeys", 3, "getExportedKeys", 3,
      "getCrossReference", 6, "getIndexInfo", 5);

  /** The statements clients created, by id, to cancel them; closed ones are dropped. */
  private final Map<Integer, Served> statements = new ConcurrentHashMap<>();

  /** A statement of a client's connection. */
  private record Served(String connectionId, WeakReference<Statement> statement) {
    Statement open() {
      Statement held = statement.get();
      try {
        return held == null || held.isClosed() ? null : held;
      } catch (SQLException e) {
        return null;
      }
    }
  }

  /** The connections of clients that read {@link CarriedValue}s (the Rowspace driver's). */
  private final Set<String> carrying = ConcurrentHashMap.newKeySet();

  /** Serves the database of {@code url}; connections are opened with no properties of its own. */
  ServedMeta(String url) throws SQLException {
    super(url, new Properties());
  }

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    Map<String, String> settings = info == null ? new HashMap<>() : new HashMap<>(info);
    if (CarriedValue.CARRIED.equals(settings.remove(CarriedValue.PROPERTY))) {
      carrying.add(ch.id);
    }
    super.openConnection(ch, settings);
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    carrying.remove(ch.id);
    super.closeConnection(ch);
  }

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    try {
      Statement statement = ServedValues.wrap(getConnection(ch.id).createStatement(),
          carrying.contains(ch.id));
      return new StatementHandle(ch.id, remember(ch.id, statement), null);
    } catch (SQLException e) {
      throw serverError(e);
    }
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    try {
      PreparedStatement statement = (PreparedStatement) ServedValues.wrap(
          getConnection(ch.id).prepareStatement(sql), carrying.contains(ch.id));
      if (maxRowCount > 0) {
        statement.setMaxRows((int) Math.min(maxRowCount, Integer.MAX_VALUE));
      }
      int id = remember(ch.id, statement);
      Signature signature = signature(statement.getMetaData(), statement.getParameterMetaData(),
          sql, null);
      return new StatementHandle(ch.id, id, carrying.contains(ch.id)
          ? ServedValues.retype(signature, ((ServedValues.Served) statement).databaseColumns())
          : signature);
    } catch (SQLException e) {
      throw serverError(e);
    }
  }

  /** Registers a client's new statement with Avatica and for cancelling; returns its id. */
  private int remember(String connectionId, Statement statement) {
    int id = getStatementIdGenerator().getAndIncrement();
    getStatementCache().put(id, new StatementInfo(statement));
    statements.values().removeIf(served -> served.open() == null);
    statements.put(id, new Served(connectionId, new WeakReference<>(statement)));
    return id;
  }

  @Override public void closeStatement(StatementHandle h) {
    statements.remove(h.id);
    super.closeStatement(h);
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql,
      long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    Optional<ServerCall> call;
    try {
      call = ServerCall.parse(sql);
    } catch (IllegalArgumentException e) {
      throw serverError(ErrorCode.SERVER_CALL_SYNTAX.exception(e.getMessage()));
    }
    if (call.isEmpty()) {
      return retyped(h, super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame,
          callback));
    }
    try {
      MetaResultSet answer = call.get().procedure().equals(ServerCall.CANCEL)
          ? cancel(h, call.get()) : metadata(h, call.get());
      return new ExecuteResult(List.of(answer));
    } catch (SQLException e) {
      throw serverError(e);
    }
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    return retyped(h, super.execute(h, parameterValues, maxRowsInFirstFrame));
  }

  /**
   * {@code result} with the database's own types in its signatures when the client reads
   * {@link CarriedValue}s ({@link ServedValues#retype}).
   */
  private ExecuteResult retyped(StatementHandle h, ExecuteResult result) {
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (!carrying.contains(h.connectionId) || info == null
        || !(info.getResultSet() instanceof ServedValues.Served served)) {
      return result;
    }
    try {
      List<MetaResultSet> results = new ArrayList<>();
      for (MetaResultSet rows : result.resultSets) {
        if (rows.signature == null || rows.updateCount != -1) {
          results.add(rows);
          continue;
        }
        Signature signature = ServedValues.retype(rows.signature, served.databaseColumns());
        results.add(MetaResultSet.create(rows.connectionId, rows.statementId, rows.ownStatement,
            signature, rows.firstFrame));
      }
      return new ExecuteResult(results);
    } catch (SQLException e) {
      throw serverError(e);
    }
  }

  private MetaResultSet cancel(StatementHandle h, ServerCall call) throws SQLException {
    if (call.arguments().size() != 1 || !(call.arguments().get(0) instanceof Long id)) {
      throw ErrorCode.CANCEL_CALL_ARGUMENTS.exception();
    }
    Served served = statements.get(id.intValue());
    Statement running = served == null ? null : served.open();
    // A client stops only its own statements; a finished or unknown one has nothing to stop.
    if (running != null && served.connectionId().equals(h.connectionId)) {
      running.cancel();
      return MetaResultSet.count(h.connectionId, h.id, 1);
    }
    return MetaResultSet.count(h.connectionId, h.id, 0);
  }

  private MetaResultSet metadata(StatementHandle h, ServerCall call) throws SQLException {
    if (!call.procedure().equals(ServerCall.METADATA)) {
      throw ErrorCode.UNKNOWN_SERVER_CALL.exception(call.procedure(), ServerCall.CANCEL,
          ServerCall.METADATA);
    }
    List<Object> args = call.arguments();
    Object method = args.isEmpty() ? null : args.get(0);
    Integer arity = method instanceof String name ? METADATA_METHODS.get(name) : null;
    if (arity == null || args.size() != arity + 1) {
      throw ErrorCode.METADATA_CALL_ARGUMENTS.exception(METADATA_METHODS, args);
    }
    DatabaseMetaData database = getConnection(h.connectionId).getMetaData();
    try (ResultSet rows = invoke(database, (String) method, args.subList(1, args.size()))) {
      Signature signature = signature(rows.getMetaData());
      int columns = rows.getMetaData().getColumnCount();
      List<Object> frameRows = new ArrayList<>();
      while (rows.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rows.getObject(i + 1);
        }
        frameRows.add(row);
      }
      return MetaResultSet.create(h.connectionId, h.id, true, signature,
          Frame.create(0, true, frameRows));
    }
  }

  private static ResultSet invoke(DatabaseMetaData database, String method, List<Object> a)
      throws SQLException {
    switch (method) {
    case "getPrimaryKeys":
      return database.getPrimaryKeys(text(a, 0), text(a, 1), text(a, 2));
    case "getImportedKeys":
      return database.getImportedKeys(text(a, 0), text(a, 1), text(a, 2));
    case "getExportedKeys":
      return database.getExportedKeys(text(a, 0), text(a, 1), text(a, 2));
    case "getCrossReference":
      return database.getCrossReference(text(a, 0), text(a, 1), text(a, 2), text(a, 3),
          text(a, 4), text(a, 5));
    default:
      return database.getIndexInfo(text(a, 0), text(a, 1), text(a, 2), flag(a, 3), flag(a, 4));
    }
  }

  private static String text(List<Object> arguments, int i) throws SQLException {
    Object value = arguments.get(i);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw ErrorCode.METADATA_ARGUMENT_NOT_TEXT.exception(i + 2, value);
  }

  private static boolean flag(List<Object> arguments, int i) throws SQLException {
    if (arguments.get(i) instanceof Boolean value) {
      return value;
    }
    throw ErrorCode.METADATA_ARGUMENT_NOT_BOOLEAN.exception(i + 2, arguments.get(i));
  }

  private static RuntimeException serverError(SQLException e) {
    return new RuntimeException(e.getMessage(), e);
  }
}
