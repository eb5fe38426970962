package io.rowspace.sql.routing;

/** Where a SQL statement is executed. */
public enum StatementRoute {
  /** A Rowspace statement (CREATE EMBEDDING SPACE, CREATE PREDICTOR, DROP, SHOW, ...). */
  ROWSPACE_STATEMENT,
  /** A query that calls Rowspace functions: planned by Calcite over the backing tables. */
  FUNCTION_QUERY,
  /** Anything else: runs on the backing database unchanged. */
  PASS_THROUGH
}
