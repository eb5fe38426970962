package io.rowspace.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.h2.tools.SimpleResultSet;

/**
 * An ARRAY value of a Rowspace query (e.g. {@code EMBEDDINGS(...).embedding}) whose
 * {@link #getResultSet()} has the two columns JDBC specifies, the element's 1-based index and its
 * value. Calcite's arrays give a single column, which Avatica's server reads as the second and so
 * failed with "invalid column ordinal: 2" for a remote client.
 */
final class IndexedArray implements Array {
  private final Array array;

  private IndexedArray(Array array) {
    this.array = array;
  }

  /** {@code array} with JDBC's result-set view, or null for SQL NULL. */
  static Array of(Array array) {
    return array == null || array instanceof IndexedArray ? array : new IndexedArray(array);
  }

  @Override public String getBaseTypeName() throws SQLException {
    return array.getBaseTypeName();
  }

  @Override public int getBaseType() throws SQLException {
    return array.getBaseType();
  }

  @Override public Object getArray() throws SQLException {
    return array.getArray();
  }

  @Override public Object getArray(Map<String, Class<?>> map) throws SQLException {
    return array.getArray(map);
  }

  @Override public Object getArray(long index, int count) throws SQLException {
    return array.getArray(index, count);
  }

  @Override public Object getArray(long index, int count, Map<String, Class<?>> map)
      throws SQLException {
    return array.getArray(index, count, map);
  }

  @Override public ResultSet getResultSet() throws SQLException {
    return rows(getArray(), 1);
  }

  @Override public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
    return getResultSet();
  }

  @Override public ResultSet getResultSet(long index, int count) throws SQLException {
    return rows(getArray(index, count), index);
  }

  @Override public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map)
      throws SQLException {
    return getResultSet(index, count);
  }

  private ResultSet rows(Object elements, long firstIndex) throws SQLException {
    SimpleResultSet rows = new SimpleResultSet();
    rows.addColumn("INDEX", Types.INTEGER, 10, 0);
    rows.addColumn("VALUE", getBaseType(), 0, 0);
    int length = java.lang.reflect.Array.getLength(elements);
    for (int i = 0; i < length; i++) {
      rows.addRow(firstIndex + i, java.lang.reflect.Array.get(elements, i));
    }
    return rows;
  }

  @Override public void free() throws SQLException {
    array.free();
  }

  @Override public String toString() {
    return array.toString();
  }
}
