/**
 * Execution of the Rowspace statements (SPEC section 3): one command class per statement,
 * dispatched by {@link io.rowspace.sql.ddl.RowspaceStatementExecutor}. Commands resolve names,
 * read rows through the planner and multi-table modules, call the engine, and store results
 * through the catalog; engine failures become the SQL errors of SPEC section 9.
 */
package io.rowspace.sql.ddl;
