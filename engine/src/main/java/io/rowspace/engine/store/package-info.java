/**
 * How trained models are saved: {@link io.rowspace.engine.store.ModelFile} is a small versioned,
 * checksummed binary container written with {@code DataOutput}. Spaces and predictors write their
 * own bodies into it. Loading never executes anything from the bytes (no Java serialisation, no
 * pickle, no TorchScript), so a damaged or hostile blob gives an error, never a crash.
 */
package io.rowspace.engine.store;
