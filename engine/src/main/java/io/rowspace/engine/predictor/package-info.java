/**
 * Predictors: small supervised networks on top of an embedding space, for one target column.
 *
 * <p>{@link io.rowspace.engine.predictor.PredictorTrainer} detects the task (binary, multiclass or
 * regression) from the target's values, masks the target column whenever the space computes a
 * row's representation (no leakage, in training and in inference), trains an MLP head with class
 * weights and early stopping, calibrates probabilities and picks the binary threshold on validation
 * rows, and measures {@link io.rowspace.engine.predictor.PredictorMetrics} there.
 * {@link io.rowspace.engine.predictor.Predictor} predicts many rows per call, in batches, and saves
 * itself in the versioned binary format of {@code io.rowspace.engine.store}. The space itself is
 * not changed by training a predictor.
 */
package io.rowspace.engine.predictor;
