package io.rowspace.server;

import io.rowspace.jdbc.remote.CarriedValue;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * The served database's values on their way into Avatica's frames, by a general rule on each
 * column's JDBC type and class. A column travels as it is when Avatica carries its values exactly
 * and the client's driver gives them back with the same class and text: character types of class
 * {@code String} and the signed integer types whose class is the one JDBC names for them. Every
 * other column travels as text, since its value, class or text would change on the way
 * (timestamps lose their fractions below the millisecond and their offsets, decimals their scale
 * over JSON, booleans and floating-point numbers their database's spelling, currency its sign)
 * or Avatica cannot carry it at all (UUIDs, intervals, JSON, arrays, LOBs, a driver's own
 * objects): to the Rowspace driver as a {@link CarriedValue} (the
 * value by its class and the database's text), which it turns back into the same value, class
 * and text a local connection gives; to other Avatica clients as the database's text, typed
 * {@code VARCHAR}.
 *
 * <p>This is done by wrapping the statements the server creates: their result sets report carried
 * columns as {@code VARCHAR} to Avatica's frame reader and give their text; for the Rowspace
 * driver, {@link #retype} then puts the database's own types back into the signatures sent.
 */
final class ServedValues {
  private ServedValues() {
  }

  /** What a wrapped statement or result set knows of the database's own columns. */
  interface Served {
    /** The database's own columns of the current result set, or null. */
    List<DatabaseColumn> databaseColumns() throws SQLException;
  }

  /** A column as the database's driver describes it, and whether it travels as it is. */
  record DatabaseColumn(int type, String typeName, String className, boolean asIs) {
    /** The columns of {@code metadata}, read while its result set is open; null for none. */
    static List<DatabaseColumn> of(ResultSetMetaData metadata) throws SQLException {
      if (metadata == null) {
        return null;
      }
      List<DatabaseColumn> columns = new ArrayList<>();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        columns.add(new DatabaseColumn(metadata.getColumnType(i), metadata.getColumnTypeName(i),
            metadata.getColumnClassName(i), travelsAsIs(metadata, i)));
      }
      return columns;
    }
  }

  /** Whether column {@code i} (1-based) travels in Avatica's frames as it is. */
  static boolean travelsAsIs(ResultSetMetaData columns, int i) throws SQLException {
    if (columns.isCurrency(i)) {
      return false;
    }
    String className = columns.getColumnClassName(i);
    Class<?> expected;
    switch (columns.getColumnType(i)) {
    case Types.CHAR:
    case Types.VARCHAR:
    case Types.LONGVARCHAR:
    case Types.NCHAR:
    case Types.NVARCHAR:
    case Types.LONGNVARCHAR:
      expected = String.class;
      break;
    case Types.TINYINT:
      expected = Byte.class;
      break;
    case Types.SMALLINT:
      expected = Short.class;
      break;
    case Types.INTEGER:
      expected = Integer.class;
      break;
    case Types.BIGINT:
      expected = Long.class;
      break;
    default:
      return false;
    }
    if (!expected.getName().equals(className)) {
      return false;
    }
    // Avatica reads unsigned numbers into classes of its own.
    return expected == String.class || columns.isSigned(i);
  }

  /** {@code statement} with its result sets' values readied for Avatica's frames. */
  static Statement wrap(Statement statement, boolean carried) {
    Class<?>[] interfaces = statement instanceof PreparedStatement
        ? new Class<?>[] {PreparedStatement.class, Served.class}
        : new Class<?>[] {Statement.class, Served.class};
    return (Statement) Proxy.newProxyInstance(ServedValues.class.getClassLoader(), interfaces,
        new StatementValues(statement, carried));
  }

  /**
   * {@code signature} with the database's own type, type name and class of each carried column,
   * for the Rowspace driver ({@link CarriedValue}); {@code database} is the database's metadata of
   * the same columns.
   */
  static Meta.Signature retype(Meta.Signature signature, List<DatabaseColumn> database) {
    if (signature == null || database == null || signature.columns.size() != database.size()) {
      return signature;
    }
    List<ColumnMetaData> columns = new ArrayList<>();
    for (ColumnMetaData column : signature.columns) {
      DatabaseColumn own = database.get(column.ordinal);
      if (own.asIs()) {
        columns.add(column);
        continue;
      }
      ColumnMetaData.AvaticaType type = ColumnMetaData.scalar(own.type(), own.typeName(),
          ColumnMetaData.Rep.STRING);
      columns.add(new ColumnMetaData(column.ordinal, column.autoIncrement, column.caseSensitive,
          column.searchable, column.currency, column.nullable, column.signed,
          column.displaySize, column.label, column.columnName, column.schemaName,
          column.precision, column.scale, column.tableName, column.catalogName, type,
          column.readOnly, column.writable, column.definitelyWritable, own.className()));
    }
    return new Meta.Signature(columns, signature.sql, signature.parameters,
        signature.internalParameters, signature.cursorFactory, signature.statementType);
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A statement whose result sets are wrapped. */
  private static final class StatementValues implements InvocationHandler {
    private final Statement statement;
    private final boolean carried;

    StatementValues(Statement statement, boolean carried) {
      this.statement = statement;
      this.carried = carried;
    }

    @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
      case "databaseColumns":
        return statement instanceof PreparedStatement prepared
            ? DatabaseColumn.of(prepared.getMetaData()) : null;
      case "getMetaData":
        ResultSetMetaData columns = ((PreparedStatement) statement).getMetaData();
        return columns == null ? null : columnsAsText(columns);
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        Object result = call(statement, method, args);
        return result instanceof ResultSet rows ? rows(rows) : result;
      }
    }

    private ResultSet rows(ResultSet rows) throws SQLException {
      return (ResultSet) Proxy.newProxyInstance(ServedValues.class.getClassLoader(),
          new Class<?>[] {ResultSet.class, Served.class}, new RowValues(rows, carried));
    }
  }

  /** Metadata reporting the carried columns as {@code VARCHAR}. */
  private static ResultSetMetaData columnsAsText(ResultSetMetaData columns) {
    return (ResultSetMetaData) Proxy.newProxyInstance(ServedValues.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (args != null && args.length == 1 && args[0] instanceof Integer i
              && (name.equals("getColumnType") || name.equals("getColumnClassName"))
              && !travelsAsIs(columns, i)) {
            return name.equals("getColumnType") ? (Object) Types.VARCHAR
                : String.class.getName();
          }
          return call(columns, method, args);
        });
  }

  /** A result set giving its carried columns' values as text. */
  private static final class RowValues implements InvocationHandler {
    private final ResultSet rows;
    private final boolean carried;
    private final List<DatabaseColumn> columns;

    RowValues(ResultSet rows, boolean carried) throws SQLException {
      this.rows = rows;
      this.carried = carried;
      this.columns = DatabaseColumn.of(rows.getMetaData());
    }

    @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("databaseColumns")) {
        return columns;
      }
      if (name.equals("getMetaData")) {
        return columnsAsText(rows.getMetaData());
      }
      if (name.equals("equals")) {
        return proxy == args[0];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      if ((name.equals("getObject") || name.equals("getString")) && args.length == 1
          && args[0] instanceof Integer i && textColumn(i)) {
        Object value = rows.getObject(i);
        if (value == null) {
          return null;
        }
        String text = rows.getString(i);
        if (!carried) {
          return text;
        }
        return value instanceof Float real ? CarriedValue.encodeReal(real, rows.getDouble(i), text)
            : CarriedValue.encode(value, text, columns.get(i - 1).typeName());
      }
      return call(rows, method, args);
    }

    private boolean textColumn(int i) {
      return i > 0 && i <= columns.size() && !columns.get(i - 1).asIs();
    }
  }
}
