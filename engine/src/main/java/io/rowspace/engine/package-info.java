/**
 * The Rowspace engine: the neural code that learns embedding spaces and predictors from rows.
 *
 * <p>This package holds {@link io.rowspace.engine.EngineRuntime}, which fixes the PyTorch threads,
 * the OpenMP wait policy and the device before the native engine loads. The engine's errors are
 * entries of the one catalogue, {@link io.rowspace.error.ErrorCode} (codes 81001 and up), raised
 * unchecked as {@link io.rowspace.error.EngineException}s.
 * The engine knows nothing of SQL or JDBC connections; rows arrive as
 * {@link io.rowspace.engine.data.Frame}s of plain Java values.
 * Sub-packages: {@code data} (frames), {@code profile} (column profiling), {@code encode} (per-column
 * encoders), {@code nn} (the transformer, parameters and optimiser), {@code space} (self-supervised
 * embedding spaces) and {@code predictor} (supervised heads on top of a space).
 */
package io.rowspace.engine;
