/**
 * The Rowspace engine: the neural code that learns embedding spaces and predictors from rows.
 *
 * <p>This package holds what every part of the engine shares: the error catalogue
 * {@link io.rowspace.engine.EngineError} (stable codes, a kind that maps to an SQLSTATE in the SQL
 * layer, messages as {@link io.rowspace.engine.MessageTemplate}s) with the one exception made from
 * it, {@link io.rowspace.engine.EngineException}, and {@link io.rowspace.engine.EngineRuntime}, which
 * fixes the PyTorch threads and device before the native engine loads. {@link
 * io.rowspace.engine.SqlErrorEntry} is the shape of the two catalogues above the engine whose errors
 * are {@code SQLException}s (the SQL layer's and multi-table's); the engine raises none of them.
 * The engine knows nothing of SQL or JDBC connections; rows arrive as
 * {@link io.rowspace.engine.data.Frame}s of plain Java values.
 * Sub-packages: {@code data} (frames), {@code profile} (column profiling), {@code encode} (per-column
 * encoders), {@code nn} (the transformer, parameters and optimiser), {@code space} (self-supervised
 * embedding spaces) and {@code predictor} (supervised heads on top of a space).
 */
package io.rowspace.engine;
