package io.rowspace.sql.plan;

/**
 * Told, when a statement is prepared and before it runs, the origin of each of its result
 * columns that passes a table's column through unchanged: the schema, table and column Calcite's
 * result metadata names for it. The connection keeps the backing database's own values of those
 * columns only, so columns a query reads but does not return (a model call's inputs) cost no more
 * than Calcite's value.
 */
@FunctionalInterface
public interface ResultOrigins {
  /** Nothing to tell: for validation without planning. */
  ResultOrigins NONE = (schema, table, column) -> { };

  /** Result column {@code column} of {@code schema.table} is passed through by a statement. */
  void passedThrough(String schema, String table, String column);
}
