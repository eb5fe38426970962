package io.rowspace.jdbc;

import io.rowspace.sql.error.ErrorTranslation;
import io.rowspace.sql.function.CalciteQueries;
import io.rowspace.sql.pushdown.ColumnOrigin;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set from Calcite as Rowspace hands it out: Rowspace functions run while rows are
 * fetched, so their errors surface in {@code next()}; this view reports them with their own
 * SQLSTATE and message, names the Rowspace statement as its statement, and hands out arrays
 * whose result-set view is JDBC's ({@link IndexedArray}), as Avatica's server reads them.
 *
 * <p>A column that passes a column of the backing database's query through unchanged (Calcite's
 * column origin names a table of {@code ROWSPACE$BACKING}) is the database's column: its metadata
 * (JDBC type, type name, class, precision, scale) is the database's, and where Calcite holds its
 * values differently (an interval, JSON, a UUID or an array as text) its
 * {@code getObject}, {@code getString} and {@code getArray} give the database's own object and
 * text. The names of Rowspace's internal tables and columns are never shown.
 */
final class TranslatingResultSet {
  private TranslatingResultSet() {
  }

  static ResultSet wrap(ResultSet rows, Statement owner, CalciteQueries queries)
      throws SQLException {
    ResultSetMetaData calciteMeta = rows.getMetaData();
    int count = calciteMeta.getColumnCount();
    ColumnOrigin[] origins = new ColumnOrigin[count + 1];
    boolean any = false;
    for (int i = 1; i <= count; i++) {
      origins[i] = queries.origin(calciteMeta.getSchemaName(i), calciteMeta.getTableName(i),
          calciteMeta.getColumnName(i));
      any |= origins[i] != null;
    }
    boolean internal = any;
    ResultSetMetaData meta = internal ? metadata(calciteMeta, origins) : calciteMeta;
    return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("getStatement") && method.getParameterCount() == 0) {
            return owner;
          }
          if (name.equals("getMetaData")) {
            return meta;
          }
          try {
            ColumnOrigin origin = internal ? origin(rows, method, args, origins) : null;
            if (origin != null && origin.values() != null) {
              Object value = databaseValue(rows, name, args, origin);
              if (value != rows) {
                return value;
              }
            }
            if (name.equals("getArray")) {
              return IndexedArray.of((Array) method.invoke(rows, args));
            }
            return method.invoke(rows, args);
          } catch (InvocationTargetException e) {
            throw ErrorTranslation.translate(e.getCause());
          }
        });
  }

  /** The origin of the column a getter reads, or null if it is no getter of a backing column. */
  private static ColumnOrigin origin(ResultSet rows, Method method, Object[] args,
      ColumnOrigin[] origins) throws SQLException {
    if (args == null || args.length != 1 || !method.getName().startsWith("get")) {
      return null;
    }
    int column;
    if (args[0] instanceof Integer index) {
      column = index;
    } else if (args[0] instanceof String label) {
      column = rows.findColumn(label);
    } else {
      return null;
    }
    return column >= 1 && column < origins.length ? origins[column] : null;
  }

  /**
   * The database's object or text of the current value for {@code getObject}, {@code getString}
   * and {@code getArray}; {@code rows} itself for other getters, which read Calcite's value.
   */
  private static Object databaseValue(ResultSet rows, String getter, Object[] args,
      ColumnOrigin origin) throws SQLException {
    boolean object = getter.equals("getObject") || getter.equals("getArray");
    if (!object && !getter.equals("getString")) {
      return rows;
    }
    Object value = args[0] instanceof Integer index ? rows.getObject(index)
        : rows.getObject((String) args[0]);
    if (value == null) {
      return null;
    }
    if (!object) {
      String text = origin.values().text(value);
      return text == null ? rows : text;
    }
    Object database = origin.values().object(value);
    if (database == value) {
      return rows;
    }
    return getter.equals("getArray") && !(database instanceof Array) ? rows : database;
  }

  /** Calcite's metadata with the database's for the columns that pass a backing column through. */
  private static ResultSetMetaData metadata(ResultSetMetaData calcite, ColumnOrigin[] origins) {
    return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
          ColumnOrigin origin = args != null && args.length == 1 && args[0] instanceof Integer i
              && i >= 1 && i < origins.length ? origins[i] : null;
          try {
            if (origin == null) {
              return method.invoke(calcite, args);
            }
            switch (method.getName()) {
            case "getColumnType":
              return origin.column().jdbcType();
            case "getColumnTypeName":
              return origin.column().typeName();
            case "getColumnClassName":
              return origin.column().className();
            case "getPrecision":
              return origin.column().precision();
            case "getScale":
              return origin.column().scale();
            case "getCatalogName":
            case "getSchemaName":
            case "getTableName":
              return "";
            case "getColumnName":
              return calcite.getColumnLabel((Integer) args[0]);
            default:
              return method.invoke(calcite, args);
            }
          } catch (InvocationTargetException e) {
            throw ErrorTranslation.translate(e.getCause());
          }
        });
  }
}
