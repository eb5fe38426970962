package io.rowspace.sql.pushdown;

/**
 * Where a result column of a query with model calls comes from when it passes a column of a
 * {@link BackingQuery} through unchanged: that column as the database describes it, and the
 * database's own values of it if Calcite holds them differently ({@code values} null otherwise).
 * A result set hands out the database's metadata and values for such a column.
 */
public record ColumnOrigin(BackingColumn column, DatabaseValues values) {
}
