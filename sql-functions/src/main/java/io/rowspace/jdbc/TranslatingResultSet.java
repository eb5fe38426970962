package io.rowspace.jdbc;

import io.rowspace.sql.error.ErrorTranslation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A result set from Calcite as Rowspace hands it out: Rowspace functions run while rows are
 * fetched, so their errors surface in {@code next()}; this view reports them with their own
 * SQLSTATE and message, names the Rowspace statement as its statement, and hands out arrays
 * whose result-set view is JDBC's ({@link IndexedArray}), as Avatica's server reads them.
 */
final class TranslatingResultSet {
  private TranslatingResultSet() {
  }

  static ResultSet wrap(ResultSet rows, Statement owner) {
    return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
          if (method.getName().equals("getStatement") && method.getParameterCount() == 0) {
            return owner;
          }
          try {
            if (method.getName().equals("getArray")) {
              return IndexedArray.of((Array) method.invoke(rows, args));
            }
            return method.invoke(rows, args);
          } catch (InvocationTargetException e) {
            throw ErrorTranslation.translate(e.getCause());
          }
        });
  }
}
