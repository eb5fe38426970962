/**
 * Executes training plans: reads the rows each step of a
 * {@link io.rowspace.planner.TrainingPlan} selects and hands them to the engine as
 * {@link io.rowspace.engine.data.Frame}s.
 *
 * <p>{@link io.rowspace.multitable.RowReader} reads the root table.
 * {@link io.rowspace.multitable.RelatedRowReader} reads related tables for a frame of holder rows
 * by batches of keys bound as parameters, never by joining, keeping a bounded sample of child rows
 * per holder while counting and summarising all of them; it serves training and queries alike.
 * {@link io.rowspace.multitable.RelationshipCheck} validates joins before training (key types,
 * coverage, fan-out, orphans). Their errors are entries of the one catalogue,
 * {@link io.rowspace.error.ErrorCode} (codes 82001 and up).
 */
package io.rowspace.multitable;
