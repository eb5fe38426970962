/**
 * Planning what a space reads. {@link io.rowspace.planner.SchemaReader} discovers tables,
 * columns and keys of the backing database; {@link io.rowspace.planner.TrainingPlanner} turns a
 * root table into a {@link io.rowspace.planner.TrainingPlan} whose steps carry the SQL they send,
 * built as Calcite parse trees and written in the backing database's dialect.
 *
 * <p>Nothing here executes a plan or knows of neural networks: the {@code multi-table} module
 * runs plans and the {@code engine} learns from what they read.
 */
package io.rowspace.planner;
