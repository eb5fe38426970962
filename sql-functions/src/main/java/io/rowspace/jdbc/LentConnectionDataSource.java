package io.rowspace.jdbc;

import io.rowspace.error.ErrorCode;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source through which Calcite's JDBC adapter reads the backing tables of one Rowspace
 * connection: it lends that connection's own backing connection, and closing what it lends
 * closes nothing. A query calling Rowspace functions therefore needs no pool connection (the
 * client's connection count cannot exhaust the pool) and reads what the client's own
 * transaction sees.
 *
 * <p>Calcite closes a result set's {@code getStatement().getConnection()} when it is done, so the
 * statements, result sets and metadata reached from the lent connection are wrapped too and lead
 * back to it, never to the connection itself.
 */
final class LentConnectionDataSource implements DataSource {
  /** What is reached from a connection and can lead back to it. */
  private static final Set<Class<?>> WRAPPED = Set.of(Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

  private final Connection lent;

  LentConnectionDataSource(Connection owner) {
    this.lent = (Connection) wrap(owner, Connection.class, null);
  }

  private Object wrap(Object target, Class<?> type, Object parent) {
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          switch (method.getName()) {
          case "equals":
            return proxy == args[0];
          case "hashCode":
            return System.identityHashCode(proxy);
          case "close":
            if (type == Connection.class) {
              return null;
            }
            break;
          case "getConnection":
            return lent;
          case "getStatement":
            if (parent instanceof Statement) {
              return parent;
            }
            break;
          default:
            break;
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result != null && WRAPPED.contains(method.getReturnType())) {
            return wrap(result, method.getReturnType(), proxy);
          }
          return result;
        });
  }

  @Override public Connection getConnection() {
    return lent;
  }

  @Override public Connection getConnection(String username, String password) {
    return lent;
  }

  @Override public PrintWriter getLogWriter() {
    return null;
  }

  @Override public void setLogWriter(PrintWriter out) {
  }

  @Override public void setLoginTimeout(int seconds) {
  }

  @Override public int getLoginTimeout() {
    return 0;
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("No logger");
  }

  @Override public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw ErrorCode.NOT_A_WRAPPER.exception(type.getName());
  }

  @Override public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
