/**
 * How Calcite plans queries that call Rowspace models: the planning of our Calcite connection
 * ({@link io.rowspace.sql.plan.RowspacePrepare}) validates with the connection's own operators
 * ({@link io.rowspace.sql.plan.OperatorContext}) and ends with one more program,
 * {@link io.rowspace.sql.plan.ModelCallBatching}, which takes every model call out of the
 * row-at-a-time expressions of the physical plan and into an
 * {@link io.rowspace.sql.plan.EnumerableModelCalls} operator that streams rows through the
 * models in batches, in order. What the models compute lives in {@code io.rowspace.sql.function};
 * this package only decides where they run.
 */
package io.rowspace.sql.plan;
