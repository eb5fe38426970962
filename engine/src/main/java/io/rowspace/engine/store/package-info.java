/**
 * How trained models are saved: {@link io.rowspace.engine.store.ModelFile} is a small versioned,
 * checksummed binary container written with {@code DataOutput}. Spaces write their own bodies into
 * it; {@link io.rowspace.engine.store.PredictorFormat} is the predictor's format, with the history
 * of its versions and how each older one loads (the parts of a predictor write and read their own
 * bodies; the old-format fixtures its test loads live beside that test). Loading never executes
 * anything from the bytes (no Java serialisation, no pickle, no TorchScript), so a damaged or
 * hostile blob gives an error, never a crash.
 */
package io.rowspace.engine.store;
