package io.rowspace.jdbc.remote;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Map;

/**
 * An SQL array that came from the Rowspace server as a {@link CarriedValue}: its base type and
 * its elements, of the classes the database's driver gave them (an array of arrays for more than
 * one dimension).
 */
final class CarriedArray implements Array {
  private final int baseType;
  private final String baseTypeName;
  private final Object[] elements;

  CarriedArray(int baseType, String baseTypeName, Object[] elements) {
    this.baseType = baseType;
    this.baseTypeName = baseTypeName;
    this.elements = elements;
  }

  @Override public String getBaseTypeName() {
    return baseTypeName;
  }

  @Override public int getBaseType() {
    return baseType;
  }

  @Override public Object getArray() {
    return elements.clone();
  }

  @Override public Object getArray(Map<String, Class<?>> map) {
    return getArray();
  }

  @Override public Object getArray(long index, int count) throws SQLException {
    int from = Math.toIntExact(index - 1);
    if (from < 0 || count < 0 || from + count > elements.length) {
      throw new SQLException("Array elements " + index + " to " + (index + count - 1)
          + " do not exist: the array has " + elements.length + " elements (the first is 1).",
          "22023");
    }
    return Arrays.copyOfRange(elements, from, from + count);
  }

  @Override public Object getArray(long index, int count, Map<String, Class<?>> map)
      throws SQLException {
    return getArray(index, count);
  }

  @Override public ResultSet getResultSet() throws SQLException {
    throw notSupported();
  }

  @Override public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
    throw notSupported();
  }

  @Override public ResultSet getResultSet(long index, int count) throws SQLException {
    throw notSupported();
  }

  @Override public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map)
      throws SQLException {
    throw notSupported();
  }

  @Override public void free() {
  }

  @Override public String toString() {
    return Arrays.deepToString(elements);
  }

  private static SQLException notSupported() {
    return new SQLFeatureNotSupportedException("An array read over a Rowspace server gives its "
        + "elements through getArray(), not as a result set.", "0A000");
  }
}
