package io.rowspace.engine.data;

/**
 * Name and SQL type of one column of a {@link Frame}.
 *
 * @param name the column name, exactly as the database reports it
 * @param jdbcType the type code from {@link java.sql.Types}
 * @param typeName the database's own type name, e.g. {@code VARCHAR} or {@code INTEGER}
 */
public record ColumnSchema(String name, int jdbcType, String typeName) {
  public ColumnSchema {
    if (name == null) {
      throw new IllegalArgumentException("Column name must not be null.");
    }
  }
}
