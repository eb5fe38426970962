package io.rowspace.jdbc;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.ddl.RowspaceStatementExecutor;
import io.rowspace.sql.ddl.StatementContext;
import io.rowspace.sql.ddl.StatementResult;
import io.rowspace.sql.error.ErrorTranslation;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.function.FunctionQueryRewriter;
import io.rowspace.sql.parser.RowspaceSqlParser;
import io.rowspace.sql.parser.UnreadConstruct;
import io.rowspace.sql.routing.StatementRoute;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A statement through Rowspace. Each SQL text is routed (SPEC section 2): Rowspace statements
 * are parsed and executed here, queries calling Rowspace functions are rewritten and run by
 * Calcite over the backing tables, and everything else runs on the backing statement unchanged.
 *
 * <p>Longer than our classes usually are (about 470 lines) because it implements
 * {@link Statement}: 46 JDBC methods, most of them one line that passes the call to the
 * backing statement or reports the state of the current result. The routing and each route's work
 * live elsewhere ({@code sql.routing}, the commands, {@code ModelCallWrites}).
 */
public final class RowspaceStatement implements Statement {
  private final RowspaceConnection connection;
  private final Statement backing;
  private Statement current;
  private ResultSet resultSet;
  private long updateCount = -1;
  private SQLWarning warnings;
  private ProgressListener progressListener;
  private volatile boolean cancelled;
  private volatile long deadlineNanos = Long.MAX_VALUE;
  private int queryTimeoutSeconds;
  private int maxRows;
  private int fetchSize;
  private boolean closed;

  RowspaceStatement(RowspaceConnection connection, Statement backing) {
    this.connection = connection;
    this.backing = backing;
  }

  /** Receives progress of long statements (training); null for none. */
  public void setProgressListener(ProgressListener listener) {
    this.progressListener = listener;
  }

  @Override public boolean execute(String sql) throws SQLException {
    checkOpen();
    clearResults();
    cancelled = false;
    deadlineNanos = queryTimeoutSeconds > 0
        ? System.nanoTime() + queryTimeoutSeconds * 1_000_000_000L : Long.MAX_VALUE;
    try {
      return execute(sql, connection.route(sql));
    } catch (StackOverflowError e) {
      throw RowspaceErrors.tooComplex("");
    }
  }

  private boolean execute(String sql, StatementRoute route) throws SQLException {
    switch (route) {
    case ROWSPACE_STATEMENT:
      return executeRowspace(sql);
    case FUNCTION_QUERY:
      return executeFunctionQuery(sql);
    default:
      current = backing;
      boolean hasResultSet = backing.execute(sql);
      ModelCallViews.afterPassThrough(connection.session(), connection.backing(), sql);
      if (hasResultSet) {
        resultSet = backing.getResultSet();
      } else {
        updateCount = backing.getLargeUpdateCount();
      }
      return hasResultSet;
    }
  }

  private boolean executeRowspace(String sql) throws SQLException {
    SqlNode node = parse(connection, sql);
    StatementContext context = new StatementContext(connection.session(), connection.backing(),
        progressListener, this::isCancelled);
    StatementResult result;
    try {
      result = RowspaceStatementExecutor.execute(node, context);
    } finally {
      warnings = chain(context.warnings());
    }
    current = null;
    if (result.resultSet() != null) {
      resultSet = result.resultSet();
      return true;
    }
    updateCount = result.updateCount();
    return false;
  }

  private boolean executeFunctionQuery(String sql) throws SQLException {
    if (ModelCallViews.creates(sql)) {
      current = null;
      updateCount = new ModelCallViews(connection).create(sql);
      return false;
    }
    if (ModelCallWrites.writes(sql)) {
      current = null;
      updateCount = new ModelCallWrites(connection).execute(sql);
      return false;
    }
    SqlNode query = rewrite(connection, sql);
    connection.session().startExecution();
    Statement calcite = connection.calcite().createStatement();
    try {
      if (maxRows > 0) {
        calcite.setMaxRows(maxRows);
      }
      if (fetchSize > 0) {
        calcite.setFetchSize(fetchSize);
      }
      if (queryTimeoutSeconds > 0) {
        calcite.setQueryTimeout(queryTimeoutSeconds);
      }
      current = calcite;
      ResultSet rows = connection.calcite().prepare(query, () -> calcite.executeQuery(sql));
      resultSet = TranslatingResultSet.wrap(rows, this, connection.calcite());
      return true;
    } catch (SQLException | RuntimeException | StackOverflowError e) {
      calcite.close();
      current = null;
      throw ErrorTranslation.translate(e, sql);
    }
  }

  /** Parses SQL with Rowspace's grammar, reporting syntax errors with their position. */
  static SqlNode parse(RowspaceConnection connection, String sql) throws SQLException {
    try {
      return RowspaceSqlParser.parse(sql,
          connection.session().database().unquotedCasing());
    } catch (SqlParseException e) {
      SqlParserPos pos = e.getPos();
      int line = pos == null ? 1 : pos.getLineNum();
      int column = pos == null ? 1 : pos.getColumnNum();
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StackOverflowError) {
          throw RowspaceErrors.tooComplex(" (line " + line + ", column " + column + ")");
        }
      }
      String message = e.getMessage();
      if (message == null) {
        message = "the statement cannot be parsed from here on";
      }
      int newline = message.indexOf('\n');
      String firstLine = newline < 0 ? message : message.substring(0, newline);
      if (firstLine.startsWith("Length of identifier")) {
        throw ErrorCode.IDENTIFIER_TOO_LONG.exception(
            firstLine.replaceFirst("'([^']{40})[^']*'", "'$1…'"), line, column);
      }
      SQLException construct = UnreadConstruct.at(sql, line, column);
      throw construct != null ? construct : RowspaceErrors.syntax(firstLine, line, column);
    }
  }

  /**
   * Parses a query calling Rowspace functions and rewrites it into the tree Calcite prepares;
   * binds its models.
   */
  static SqlNode rewrite(RowspaceConnection connection, String sql) throws SQLException {
    SqlNode node = parse(connection, sql);
    try {
      return new FunctionQueryRewriter(connection.session(), connection.calcite())
          .rewrite(node);
    } catch (SQLException | RuntimeException | StackOverflowError e) {
      // Rewriting prepares parts of the query on Calcite (the columns of its FROM), whose
      // errors come without SQLSTATE.
      throw ErrorTranslation.translate(e, sql);
    }
  }

  private boolean isCancelled() {
    return cancelled || System.nanoTime() > deadlineNanos;
  }

  private static SQLWarning chain(List<String> messages) {
    SQLWarning first = null;
    for (String message : messages) {
      SQLWarning warning = new SQLWarning(message, "01000");
      if (first == null) {
        first = warning;
      } else {
        first.setNextWarning(warning);
      }
    }
    return first;
  }

  private void clearResults() throws SQLException {
    if (resultSet != null && current != backing) {
      resultSet.close();
    }
    if (current != null && current != backing) {
      current.close();
    }
    resultSet = null;
    updateCount = -1;
    warnings = null;
    current = null;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw ErrorCode.STATEMENT_CLOSED.exception();
    }
  }

  @Override public ResultSet executeQuery(String sql) throws SQLException {
    if (!execute(sql)) {
      throw ErrorCode.QUERY_RETURNED_NO_ROWS.exception(sql);
    }
    return resultSet;
  }

  @Override public int executeUpdate(String sql) throws SQLException {
    return (int) executeLargeUpdate(sql);
  }

  @Override public long executeLargeUpdate(String sql) throws SQLException {
    if (execute(sql)) {
      throw ErrorCode.UPDATE_RETURNED_ROWS.exception(sql);
    }
    return updateCount;
  }

  @Override public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    if (connection.route(sql) == StatementRoute.PASS_THROUGH) {
      clearResults();
      current = backing;
      return backing.executeUpdate(sql, autoGeneratedKeys);
    }
    return executeUpdate(sql);
  }

  @Override public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    if (connection.route(sql) == StatementRoute.PASS_THROUGH) {
      clearResults();
      current = backing;
      return backing.executeUpdate(sql, columnIndexes);
    }
    return executeUpdate(sql);
  }

  @Override public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    if (connection.route(sql) == StatementRoute.PASS_THROUGH) {
      clearResults();
      current = backing;
      return backing.executeUpdate(sql, columnNames);
    }
    return executeUpdate(sql);
  }

  @Override public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    if (connection.route(sql) == StatementRoute.PASS_THROUGH) {
      clearResults();
      current = backing;
      boolean result = backing.execute(sql, autoGeneratedKeys);
      resultSet = result ? backing.getResultSet() : null;
      updateCount = result ? -1 : backing.getUpdateCount();
      return result;
    }
    return execute(sql);
  }

  @Override public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return execute(sql);
  }

  @Override public boolean execute(String sql, String[] columnNames) throws SQLException {
    return execute(sql);
  }

  @Override public ResultSet getResultSet() {
    return resultSet;
  }

  @Override public int getUpdateCount() {
    return (int) updateCount;
  }

  @Override public long getLargeUpdateCount() {
    return updateCount;
  }

  @Override public boolean getMoreResults() throws SQLException {
    if (current == backing) {
      boolean more = backing.getMoreResults();
      resultSet = more ? backing.getResultSet() : null;
      updateCount = more ? -1 : backing.getUpdateCount();
      return more;
    }
    if (resultSet != null) {
      resultSet.close();
    }
    resultSet = null;
    updateCount = -1;
    return false;
  }

  @Override public boolean getMoreResults(int current) throws SQLException {
    return getMoreResults();
  }

  @Override public SQLWarning getWarnings() throws SQLException {
    if (current == backing) {
      return backing.getWarnings();
    }
    return warnings;
  }

  @Override public void clearWarnings() throws SQLException {
    warnings = null;
    backing.clearWarnings();
  }

  @Override public void cancel() throws SQLException {
    cancelled = true;
    Statement running = current;
    if (running != null) {
      running.cancel();
      if (running != backing) {
        // the backing database may be running the model-call-free part of the query
        connection.calcite().cancelBackingQueries();
      }
    }
  }

  @Override public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      clearResults();
    } finally {
      backing.close();
    }
  }

  @Override public boolean isClosed() {
    return closed;
  }

  @Override public Connection getConnection() {
    return connection;
  }

  @Override public int getMaxFieldSize() throws SQLException {
    return backing.getMaxFieldSize();
  }

  @Override public void setMaxFieldSize(int max) throws SQLException {
    backing.setMaxFieldSize(max);
  }

  @Override public int getMaxRows() {
    return maxRows;
  }

  @Override public void setMaxRows(int max) throws SQLException {
    maxRows = max;
    backing.setMaxRows(max);
  }

  @Override public void setEscapeProcessing(boolean enable) throws SQLException {
    backing.setEscapeProcessing(enable);
  }

  @Override public int getQueryTimeout() {
    return queryTimeoutSeconds;
  }

  @Override public void setQueryTimeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw ErrorCode.NEGATIVE_QUERY_TIMEOUT.exception(seconds);
    }
    queryTimeoutSeconds = seconds;
    backing.setQueryTimeout(seconds);
  }

  @Override public void setCursorName(String name) throws SQLException {
    backing.setCursorName(name);
  }

  @Override public void setFetchDirection(int direction) throws SQLException {
    backing.setFetchDirection(direction);
  }

  @Override public int getFetchDirection() throws SQLException {
    return backing.getFetchDirection();
  }

  @Override public void setFetchSize(int rows) throws SQLException {
    fetchSize = rows;
    backing.setFetchSize(rows);
  }

  @Override public int getFetchSize() {
    return fetchSize;
  }

  @Override public int getResultSetConcurrency() throws SQLException {
    return backing.getResultSetConcurrency();
  }

  @Override public int getResultSetType() throws SQLException {
    return backing.getResultSetType();
  }

  @Override public void addBatch(String sql) throws SQLException {
    if (connection.route(sql) != StatementRoute.PASS_THROUGH) {
      throw ErrorCode.NO_BATCHES.exception(sql);
    }
    backing.addBatch(sql);
  }

  @Override public void clearBatch() throws SQLException {
    backing.clearBatch();
  }

  @Override public int[] executeBatch() throws SQLException {
    current = backing;
    return backing.executeBatch();
  }

  @Override public ResultSet getGeneratedKeys() throws SQLException {
    return backing.getGeneratedKeys();
  }

  @Override public int getResultSetHoldability() throws SQLException {
    return backing.getResultSetHoldability();
  }

  @Override public void setPoolable(boolean poolable) throws SQLException {
    backing.setPoolable(poolable);
  }

  @Override public boolean isPoolable() throws SQLException {
    return backing.isPoolable();
  }

  @Override public void closeOnCompletion() throws SQLException {
    backing.closeOnCompletion();
  }

  @Override public boolean isCloseOnCompletion() throws SQLException {
    return backing.isCloseOnCompletion();
  }

  @Override public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return backing.unwrap(type);
  }

  @Override public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || backing.isWrapperFor(type);
  }
}
