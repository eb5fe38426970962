package io.rowspace.jdbc;

import io.rowspace.sql.error.ErrorTranslation;
import io.rowspace.sql.function.CalciteQueries;
import io.rowspace.sql.pushdown.ColumnOrigin;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * A result set from Calcite as Rowspace hands it out: Rowspace functions run while rows are
 * fetched, so their errors surface in {@code next()}; this view reports them with their own
 * SQLSTATE and message, names the Rowspace statement as its statement, and hands out arrays
 * whose result-set view is JDBC's ({@link IndexedArray}), as Avatica's server reads them.
 *
 * <p>A column that passes a column of the backing database's query through unchanged (Calcite's
 * column origin names a table of {@code ROWSPACE$BACKING}) is the database's column: its metadata
 * (JDBC type, type name, class, precision, scale) is the database's, and where Calcite holds its
 * values differently (an interval, JSON, a UUID or an array as text, a timestamp to the
 * millisecond, a boolean or a number without the database's spelling) its {@code getObject},
 * {@code getString}, {@code getArray}, {@code getBytes}, {@code getTimestamp} and {@code getTime}
 * give the database's own object, text, bytes and time. The names of Rowspace's internal tables
 * and columns are never shown.
 */
final class TranslatingResultSet {
  private TranslatingResultSet() {
  }

  static ResultSet wrap(ResultSet rows, Statement owner, CalciteQueries queries)
      throws SQLException {
    ResultSetMetaData calciteMeta = rows.getMetaData();
    ColumnOrigin[] origins = origins(calciteMeta, queries);
    boolean internal = origins != null;
    ResultSetMetaData meta = internal ? metadata(calciteMeta, origins) : calciteMeta;
    boolean[] computedArrays = computedArrays(calciteMeta, origins);
    boolean postgres = queries.postgres();
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
            if (computedArrays != null && name.equals("getString") && args.length == 1) {
              int column = args[0] instanceof Integer index ? index : rows.findColumn((String) args[0]);
              if (column >= 1 && column < computedArrays.length && computedArrays[column]) {
                Object array = rows.getObject(column);
                return array == null ? null : ArrayText.of(array, postgres);
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

  /**
   * The metadata of a prepared query's result before it runs, as its result set will give it:
   * the database's for the columns that pass a backing column through.
   */
  static ResultSetMetaData metadata(ResultSetMetaData calciteMeta, CalciteQueries queries)
      throws SQLException {
    if (calciteMeta == null) {
      return null;
    }
    ColumnOrigin[] origins = origins(calciteMeta, queries);
    return origins == null ? calciteMeta : metadata(calciteMeta, origins);
  }

  /**
   * Per result column (1-based), whether it is an array Calcite computes (one it passes through
   * from the database has the database's text already); null for none.
   */
  private static boolean[] computedArrays(ResultSetMetaData calciteMeta, ColumnOrigin[] origins)
      throws SQLException {
    int count = calciteMeta.getColumnCount();
    boolean[] arrays = new boolean[count + 1];
    boolean any = false;
    for (int i = 1; i <= count; i++) {
      arrays[i] = calciteMeta.getColumnType(i) == java.sql.Types.ARRAY
          && (origins == null || origins[i] == null);
      any |= arrays[i];
    }
    return any ? arrays : null;
  }

  /** The backing columns each result column passes through (1-based), or null for none. */
  private static ColumnOrigin[] origins(ResultSetMetaData calciteMeta, CalciteQueries queries)
      throws SQLException {
    int count = calciteMeta.getColumnCount();
    ColumnOrigin[] origins = new ColumnOrigin[count + 1];
    boolean any = false;
    for (int i = 1; i <= count; i++) {
      origins[i] = queries.origin(calciteMeta.getSchemaName(i), calciteMeta.getTableName(i),
          calciteMeta.getColumnName(i));
      any |= origins[i] != null;
    }
    return any ? origins : null;
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
    boolean object = getter.equals("getObject") || getter.equals("getArray")
        || getter.equals("getBytes") || getter.equals("getTimestamp") || getter.equals("getTime");
    if (!object && !getter.equals("getString")) {
      return rows;
    }
    Object value = args[0] instanceof Integer index ? rows.getObject(index)
        : rows.getObject((String) args[0]);
    if (value == null) {
      return null;
    }
    Object internal = origin.column().internal(value);
    if (!object) {
      String text = origin.values().text(internal);
      return text == null ? rows : text;
    }
    Object database = origin.values().object(internal);
    if (database == internal) {
      return rows;
    }
    switch (getter) {
    case "getBytes":
      // JSON on H2 is bytes to its driver, a UUID is its 16 bytes; Calcite holds both as text
      return database instanceof byte[] ? database
          : database instanceof UUID uuid ? ByteBuffer.allocate(16)
              .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
              .array() : rows;
    case "getArray":
      return database instanceof Array ? database : rows;
    case "getTimestamp":
      return database instanceof Timestamp ? database : rows;
    case "getTime":
      return database instanceof Time ? database : rows;
    default:
      return database;
    }
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
