package io.rowspace.planner;

/**
 * A column of a backing table, as its database describes it; {@code size} is the declared
 * length or precision (JDBC's COLUMN_SIZE), 0 when there is none.
 */
public record ColumnInfo(String name, int jdbcType, String typeName, int size, boolean nullable) {
}
