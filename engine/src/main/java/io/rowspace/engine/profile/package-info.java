/**
 * Column profiling: what each column of a frame holds and whether a model can learn from it.
 *
 * <p>{@link io.rowspace.engine.profile.ColumnProfiler} counts missing, unparseable and distinct
 * values and assigns a {@link io.rowspace.engine.profile.DetectedType}, reading text columns for
 * dates, numbers, emails and URLs through {@link io.rowspace.engine.profile.TextPatterns}; columns that carry no
 * learnable signal (identifiers, constants, all-NULL columns, high-cardinality codes) are excluded with a
 * reason that the SQL layer shows as a warning and writes to the catalog.
 * {@link io.rowspace.engine.profile.ValueParser} reads JDBC values and their SQL text form the same
 * way everywhere, so that training and inference agree on what a value is. Encoders and statistics
 * learned from the values live in {@code io.rowspace.engine.encode}, not here.
 */
package io.rowspace.engine.profile;
