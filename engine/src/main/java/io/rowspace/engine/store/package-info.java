/**
 * How trained models are saved: {@link io.rowspace.engine.store.ModelFile} is a small versioned,
 * checksummed binary container written with {@code DataOutput}.
 * {@link io.rowspace.engine.store.SpaceFormat} and {@link io.rowspace.engine.store.PredictorFormat}
 * are the space's and the predictor's formats, each with the history of its versions and how each
 * older one loads (the parts a model is made of write and read their own bodies; the old-format
 * fixtures their tests load live beside those tests). Loading never executes
 * anything from the bytes (no Java serialisation, no pickle, no TorchScript), so a damaged or
 * hostile blob gives an error, never a crash.
 */
package io.rowspace.engine.store;
