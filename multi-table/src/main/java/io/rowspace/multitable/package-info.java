/**
 * Executes training plans: reads the rows each step of a
 * {@link io.rowspace.planner.TrainingPlan} selects, in bounded batches, and hands them to the
 * engine as {@link io.rowspace.engine.data.Frame}s.
 *
 * <p>Single-table plans read their root table; related tables (children aggregated into their
 * parents, parent context, bridges) come with the multi-table work.
 */
package io.rowspace.multitable;
