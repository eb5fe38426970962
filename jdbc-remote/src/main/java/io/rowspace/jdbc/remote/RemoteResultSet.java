package io.rowspace.jdbc.remote;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.Cursor;

/**
 * A result set from the Rowspace server whose columns of types Avatica's frames cannot carry
 * (timestamps with their nanoseconds or offsets, UUIDs, intervals, JSON, arrays, bytes, decimals)
 * came as {@link CarriedValue}s: the metadata shows the database's own types, and those columns
 * are read by {@link CarriedAccessor}s. A column is carried when the server gave it the
 * representation {@code STRING} while it is not a character type of class {@code String}, and
 * decimals always are.
 */
final class RemoteResultSet extends AvaticaResultSet {
  private final List<ColumnMetaData> served;

  private RemoteResultSet(AvaticaStatement statement, QueryState state, Meta.Signature wire,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame,
      List<ColumnMetaData> served) throws SQLException {
    super(statement, state, wire, metaData, timeZone, firstFrame);
    this.served = served;
  }

  /** Whether the server sent {@code column}'s values as {@link CarriedValue}s. */
  static boolean carried(ColumnMetaData column) {
    if (column.type.id == Types.DECIMAL || column.type.id == Types.NUMERIC) {
      // Avatica's service gives decimals the representation NUMBER whatever the server said.
      return true;
    }
    if (column.type.rep != ColumnMetaData.Rep.STRING) {
      return false;
    }
    switch (column.type.id) {
    case Types.CHAR:
    case Types.VARCHAR:
    case Types.LONGVARCHAR:
    case Types.NCHAR:
    case Types.NVARCHAR:
    case Types.LONGNVARCHAR:
      return !String.class.getName().equals(column.columnClassName);
    default:
      return true;
    }
  }

  /**
   * A result set of {@code signature}, or null when none of its columns is carried (Avatica's own
   * result set then reads it).
   */
  static RemoteResultSet of(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, ResultSetMetaData metaData, TimeZone timeZone,
      Meta.Frame firstFrame) throws SQLException {
    if (signature == null || signature.columns.stream().noneMatch(RemoteResultSet::carried)) {
      return null;
    }
    List<ColumnMetaData> wireColumns = new ArrayList<>();
    for (ColumnMetaData column : signature.columns) {
      wireColumns.add(carried(column) ? asText(column) : column);
    }
    Meta.Signature wire = new Meta.Signature(wireColumns, signature.sql, signature.parameters,
        signature.internalParameters, signature.cursorFactory, signature.statementType);
    return new RemoteResultSet(statement, state, wire, metaData, timeZone, firstFrame,
        signature.columns);
  }

  private static ColumnMetaData asText(ColumnMetaData column) {
    return new ColumnMetaData(column.ordinal, column.autoIncrement, column.caseSensitive,
        column.searchable, column.currency, column.nullable, column.signed, column.displaySize,
        column.label, column.columnName, column.schemaName, column.precision, column.scale,
        column.tableName, column.catalogName,
        ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING),
        column.readOnly, column.writable, column.definitelyWritable, String.class.getName());
  }

  @Override protected AvaticaResultSet execute() throws SQLException {
    super.execute();
    readCarried();
    return this;
  }

  @Override public AvaticaResultSet execute2(Cursor cursor, List<ColumnMetaData> columns) {
    super.execute2(cursor, columns);
    readCarried();
    return this;
  }

  private void readCarried() {
    List<Cursor.Accessor> accessors = new ArrayList<>(accessorList);
    for (int i = 0; i < accessors.size(); i++) {
      ColumnMetaData column = served.get(i);
      if (carried(column)) {
        accessors.set(i, new CarriedAccessor(accessors.get(i), column.type.name));
      }
    }
    accessorList = accessors;
  }

  @Override public Object getObject(int columnIndex) throws SQLException {
    if (columnIndex >= 1 && columnIndex <= served.size() && carried(served.get(columnIndex - 1))) {
      checkOpen();
      return accessorList.get(columnIndex - 1).getObject();
    }
    return super.getObject(columnIndex);
  }
}
