/**
 * Planning what a space reads. {@link io.rowspace.planner.SchemaReader} discovers tables,
 * columns, keys and foreign keys of the backing database;
 * {@link io.rowspace.planner.RelationshipPlanner} finds the tables related to a root and how
 * (children, parents, bridges) as a tree of {@link io.rowspace.planner.PlannedRelation}s;
 * {@link io.rowspace.planner.TrainingPlanner} turns a root table and its relations into a
 * {@link io.rowspace.planner.TrainingPlan} whose steps carry the SQL they send, built as Calcite
 * parse trees and written in the backing database's dialect. Related tables are read by keys
 * bound as parameters, never joined.
 *
 * <p>Nothing here executes a plan or knows of neural networks: the {@code multi-table} module
 * runs plans and the {@code engine} learns from what they read.
 */
package io.rowspace.planner;
