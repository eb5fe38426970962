package io.rowspace.jdbc;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.error.ErrorTranslation;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.routing.StatementRoute;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.sql.SqlNode;

/**
 * Prepared statements for SQL that is Rowspace's. A query calling Rowspace functions is rewritten
 * once and prepared by Calcite (its {@code ?} parameters work as usual); each execution checks its
 * models against the catalog again, so it uses a predictor replaced since it was prepared. A
 * Rowspace statement takes no parameters and runs through a {@link RowspaceStatement} when
 * executed.
 */
final class RowspacePreparedStatements {
  private RowspacePreparedStatements() {
  }

  static PreparedStatement prepare(RowspaceConnection connection, String sql,
      StatementRoute route) throws SQLException {
    try {
      return prepareRouted(connection, sql, route);
    } catch (StackOverflowError e) {
      throw RowspaceErrors.tooComplex("");
    }
  }

  private static PreparedStatement prepareRouted(RowspaceConnection connection, String sql,
      StatementRoute route) throws SQLException {
    if (route == StatementRoute.FUNCTION_QUERY) {
      SqlNode rewritten = RowspaceStatement.rewrite(connection, sql);
      PreparedStatement calcite;
      try {
        calcite = connection.calcite().prepare(rewritten,
            () -> connection.calcite().connection().prepareStatement(sql));
      } catch (SQLException | RuntimeException | StackOverflowError e) {
        throw ErrorTranslation.translate(e, sql);
      }
      return functionQuery(connection, calcite);
    }
    RowspaceStatement.parse(connection, sql);
    RowspaceStatement statement = (RowspaceStatement) connection.createStatement();
    return rowspaceStatement(statement, sql);
  }

  private static PreparedStatement functionQuery(RowspaceConnection connection,
      PreparedStatement calcite) {
    PreparedStatement[] self = new PreparedStatement[1];
    self[0] = (PreparedStatement) Proxy.newProxyInstance(
        PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            return connection;
          }
          if (method.getName().startsWith("execute")) {
            connection.session().startExecution();
          }
          try {
            if (method.getName().equals("getMetaData")) {
              return TranslatingResultSet.metadata(calcite.getMetaData(), connection.calcite());
            }
            Object result = method.invoke(calcite, args);
            return result instanceof ResultSet rows
                ? TranslatingResultSet.wrap(rows, self[0], connection.calcite())
                : result;
          } catch (InvocationTargetException e) {
            throw ErrorTranslation.translate(e.getCause());
          }
        });
    return self[0];
  }

  private static PreparedStatement rowspaceStatement(RowspaceStatement statement, String sql) {
    return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          String name = method.getName();
          int arity = method.getParameterCount();
          if (arity == 0 && (name.equals("execute") || name.equals("executeQuery")
              || name.equals("executeUpdate") || name.equals("executeLargeUpdate"))) {
            Method onStatement = RowspaceStatement.class.getMethod(name, String.class);
            return invoke(onStatement, statement, sql);
          }
          if (name.startsWith("set") && arity >= 2 && method.getParameterTypes()[0] == int.class) {
            throw ErrorCode.STATEMENT_PARAMETERS.exception(sql);
          }
          if (name.equals("clearParameters") || name.equals("addBatch") && arity == 0) {
            return null;
          }
          if (name.equals("getMetaData") || name.equals("getParameterMetaData")) {
            return null;
          }
          Method onStatement;
          try {
            onStatement = RowspaceStatement.class.getMethod(name, method.getParameterTypes());
          } catch (NoSuchMethodException e) {
            throw ErrorCode.UNSUPPORTED_CALL.exception(name);
          }
          return invoke(onStatement, statement, args);
        });
  }

  private static Object invoke(Method method, Object target, Object... args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
