/**
 * Rows as the engine sees them: a {@link io.rowspace.engine.data.Frame} holds columns of plain JDBC
 * values with their {@link io.rowspace.engine.data.ColumnSchema}. Nothing here reads a database;
 * the SQL layer fills frames from result sets and hands them to the profiler, trainers and models.
 * Values are kept as they arrive (numbers, strings in SQL text form, booleans, dates); parsing them
 * per column type is the job of {@code io.rowspace.engine.profile.ValueParser}.
 */
package io.rowspace.engine.data;
