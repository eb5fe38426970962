package io.rowspace.sql.pushdown;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One column of a {@link BackingQuery} as the backing database's JDBC metadata describes it: its
 * label, JDBC type, type name, class name, precision, scale and nullability. It gives Calcite the
 * matching type and reads the column's values in Calcite's internal representation (dates as
 * days, timestamps as milliseconds, both in the JVM's zone as Calcite's JDBC adapter reads them;
 * types Calcite lacks as the database's text of the value).
 */
public record BackingColumn(String label, int jdbcType, String typeName, String className,
    int precision, int scale, boolean nullable) {

  static BackingColumn of(ResultSetMetaData meta, int column) throws SQLException {
    return new BackingColumn(meta.getColumnLabel(column), meta.getColumnType(column),
        meta.getColumnTypeName(column), meta.getColumnClassName(column),
        meta.getPrecision(column), meta.getScale(column),
        meta.isNullable(column) != ResultSetMetaData.columnNoNulls);
  }

  /**
   * Whether Calcite's value of this column differs from the database's own object: a type Calcite
   * lacks (interval, JSON, UUID, array, time zone, network address...) that Calcite holds as its
   * text. The scan keeps the database's objects and texts of such a column beside Calcite's
   * values ({@link DatabaseValues}).
   */
  boolean keepsDatabaseValues() {
    return sqlType() == SqlTypeName.VARCHAR && !isText(jdbcType);
  }

  private static boolean isText(int jdbcType) {
    switch (jdbcType) {
    case Types.VARCHAR:
    case Types.LONGVARCHAR:
    case Types.NVARCHAR:
    case Types.LONGNVARCHAR:
    case Types.CLOB:
    case Types.NCLOB:
      return true;
    default:
      return false;
    }
  }

  /** The Calcite type of the column's values. */
  RelDataType type(RelDataTypeFactory types) {
    RelDataType type = baseType(types);
    return types.createTypeWithNullability(type, nullable);
  }

  private SqlTypeName sqlType() {
    switch (jdbcType) {
    case Types.BIT:
    case Types.BOOLEAN:
      return SqlTypeName.BOOLEAN;
    case Types.TINYINT:
      return SqlTypeName.TINYINT;
    case Types.SMALLINT:
      return SqlTypeName.SMALLINT;
    case Types.INTEGER:
      return SqlTypeName.INTEGER;
    case Types.BIGINT:
      return SqlTypeName.BIGINT;
    case Types.REAL:
      return SqlTypeName.REAL;
    case Types.FLOAT:
    case Types.DOUBLE:
      return SqlTypeName.DOUBLE;
    case Types.NUMERIC:
    case Types.DECIMAL:
      return SqlTypeName.DECIMAL;
    case Types.CHAR:
    case Types.NCHAR:
      return SqlTypeName.CHAR;
    case Types.DATE:
      return SqlTypeName.DATE;
    case Types.TIME:
      return SqlTypeName.TIME;
    case Types.TIMESTAMP:
      return SqlTypeName.TIMESTAMP;
    case Types.BINARY:
    case Types.VARBINARY:
    case Types.LONGVARBINARY:
    case Types.BLOB:
      // H2's UUID is BINARY to JDBC, but its values are UUIDs, not bytes: held as their text
      return className == null || className.equals(byte[].class.getName())
          || className.equals(java.sql.Blob.class.getName())
          ? SqlTypeName.VARBINARY : SqlTypeName.VARCHAR;
    default:
      // VARCHAR and CLOB, and what Calcite has no type for (intervals, JSON, UUID, arrays,
      // time zones): their text, as the database writes it
      return SqlTypeName.VARCHAR;
    }
  }

  private RelDataType baseType(RelDataTypeFactory types) {
    SqlTypeName type = sqlType();
    switch (type) {
    case DECIMAL: {
      int max = types.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL);
      // PostgreSQL's numeric without a declared precision (AVG, SUM of bigint) reports 0
      int p = precision <= 0 || precision > max ? max : precision;
      int s = Math.max(0, Math.min(scale, p));
      return types.createSqlType(SqlTypeName.DECIMAL, p, s);
    }
    case CHAR:
      return precision > 0 && precision < 65_536
          ? types.createSqlType(SqlTypeName.CHAR, precision)
          : types.createSqlType(SqlTypeName.VARCHAR);
    case VARCHAR:
      return jdbcType == Types.VARCHAR && precision > 0 && precision < 1_000_000_000
          ? types.createSqlType(SqlTypeName.VARCHAR, precision)
          : types.createSqlType(SqlTypeName.VARCHAR);
    case TIME:
    case TIMESTAMP:
      return types.createSqlType(type, Math.max(0, Math.min(scale, 3)));
    default:
      return types.createSqlType(type);
    }
  }

  /**
   * The value of this column in the current row, as Calcite holds it internally; for a column
   * that {@link #keepsDatabaseValues() keeps the database's values}, also remembered with the
   * database's object and text in {@code kept}.
   */
  Object read(ResultSet rows, int column, DatabaseValues kept) throws SQLException {
    if (kept != null) {
      Object object = rows.getObject(column);
      if (object == null) {
        return null;
      }
      String text = rows.getString(column);
      // Calcite's value is an instance of its own, so the object kept does not hold it
      return kept.keep(new String(text.toCharArray()), object, text);
    }
    Object value;
    switch (sqlType()) {
    case BOOLEAN:
      value = rows.getBoolean(column);
      break;
    case TINYINT:
      value = rows.getByte(column);
      break;
    case SMALLINT:
      value = rows.getShort(column);
      break;
    case INTEGER:
      value = rows.getInt(column);
      break;
    case BIGINT:
      value = rows.getLong(column);
      break;
    case REAL:
      value = rows.getFloat(column);
      break;
    case DOUBLE:
      value = rows.getDouble(column);
      break;
    case DECIMAL: {
      BigDecimal decimal = rows.getBigDecimal(column);
      value = decimal;
      break;
    }
    case DATE: {
      java.sql.Date date = rows.getDate(column);
      value = date == null ? null : SqlFunctions.toInt(date);
      break;
    }
    case TIME: {
      java.sql.Time time = rows.getTime(column);
      value = time == null ? null : SqlFunctions.toInt(time);
      break;
    }
    case TIMESTAMP: {
      java.sql.Timestamp timestamp = rows.getTimestamp(column);
      value = timestamp == null ? null : SqlFunctions.toLong(timestamp);
      break;
    }
    case VARBINARY: {
      byte[] bytes = rows.getBytes(column);
      value = bytes == null ? null : new ByteString(bytes);
      break;
    }
    default:
      value = rows.getString(column);
    }
    return rows.wasNull() ? null : value;
  }
}
