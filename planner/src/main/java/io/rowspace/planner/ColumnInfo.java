package io.rowspace.planner;

/** A column of a backing table, as its database describes it. */
public record ColumnInfo(String name, int jdbcType, String typeName, boolean nullable) {
}
