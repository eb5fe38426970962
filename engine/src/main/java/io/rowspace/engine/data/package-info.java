/**
 * Rows as the engine sees them: a {@link io.rowspace.engine.data.Frame} holds columns of plain JDBC
 * values with their {@link io.rowspace.engine.data.ColumnSchema}. Nothing here reads a database;
 * the SQL layer fills frames from result sets and hands them to the profiler, trainers and models.
 * Values are kept as they arrive (numbers, strings in SQL text form, booleans, dates); parsing them
 * per column type is the job of {@code io.rowspace.engine.profile.ValueParser}.
 *
 * <p>A frame of root rows can carry the rows of related tables
 * ({@link io.rowspace.engine.data.RelatedRows}, one per {@link io.rowspace.engine.data.Relation}):
 * per root row the related rows kept, their total count and numeric and categorical summaries.
 * Selecting rows of the frame selects their related rows with them.
 *
 * <p>{@link io.rowspace.engine.data.Renaming} maps the table and column names a model reads to
 * other names; {@link io.rowspace.engine.data.Relation#renamed} applies it to a relation.
 */
package io.rowspace.engine.data;
