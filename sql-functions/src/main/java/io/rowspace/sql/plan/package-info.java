/**
 * How Calcite plans queries that call Rowspace models: the planning of our Calcite connection
 * ({@link io.rowspace.sql.plan.RowspacePrepare}) takes the statement as the parse tree Rowspace
 * already parsed and rewrote ({@link io.rowspace.sql.plan.ParsedStatement}), never as text to
 * parse again, validates with the connection's own operators
 * ({@link io.rowspace.sql.plan.OperatorContext}; built-in and dialect functions in any case,
 * {@link io.rowspace.sql.plan.AnyCaseFunctions}), gives the backing database's result types
 * ({@link io.rowspace.sql.plan.DialectTypeSystem}, {@link io.rowspace.sql.plan.DecimalDivision})
 * and ends with one more program, {@link io.rowspace.sql.plan.ModelCallBatching}, which takes
 * every call of a {@link io.rowspace.sql.plan.BatchedOperator} out of the row-at-a-time
 * expressions of the physical plan and into an {@link io.rowspace.sql.plan.EnumerableModelCalls}
 * operator that streams rows through the calls' {@link io.rowspace.sql.plan.BatchEvaluation} in
 * batches, in order. A prepared statement's result column origins go to
 * {@link io.rowspace.sql.plan.ResultOrigins}. {@link io.rowspace.sql.plan.RowTypeValidation} runs
 * that validator alone,
 * without planning, for the column names of a FROM clause.
 *
 * <p>This package decides where model calls run, not what they compute: it knows them only
 * through those two interfaces, which {@code io.rowspace.sql.function} implements (its model
 * function operators and their batch evaluation). So {@code function} uses {@code plan} and never
 * the other way round (the layers of {@code sql-functions}, docs/architecture.md).
 */
package io.rowspace.sql.plan;
