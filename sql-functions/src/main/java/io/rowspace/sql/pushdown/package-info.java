/**
 * The model-call-free part of a query, run on the backing database as one query in its own
 * dialect. A SELECT that calls a model is split (by {@code io.rowspace.sql.function}): its FROM,
 * the WHERE conjuncts and, where no model call is their input, GROUP BY, HAVING, ORDER BY and
 * LIMIT become a {@link io.rowspace.sql.pushdown.BackingQuery}, SQL text written in the backing
 * dialect ({@link io.rowspace.sql.pushdown.DialectText}) whose column types come from the
 * database's own JDBC metadata. Calcite scans it as a table
 * ({@link io.rowspace.sql.pushdown.BackingQueryTable}, registered for the statement in
 * {@link io.rowspace.sql.pushdown.BackingQuerySchema}) and evaluates only what is above it: the
 * model calls and what consumes them. Values of types Calcite lacks travel through Calcite as
 * their text, timestamps as milliseconds; {@link io.rowspace.sql.pushdown.DatabaseValues} keeps
 * the database's own objects and texts beside them for the columns a prepared statement's result
 * passes through (told when it is prepared), and
 * {@link io.rowspace.sql.pushdown.ColumnOrigin} tells the driver which result column passes which
 * backing column through, so it hands out the database's metadata and values.
 *
 * <p>This package knows SQL text, JDBC and Calcite's table interfaces; it knows nothing of models.
 */
package io.rowspace.sql.pushdown;
