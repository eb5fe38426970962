/**
 * Checkpoints of training runs: the {@link io.rowspace.engine.checkpoint.TrainingCheckpoints}
 * a trainer writes its state to between epochs and reads it back from when the same run is
 * started again, and {@link io.rowspace.engine.checkpoint.RunFingerprint}, the key that tells
 * one run from another.
 *
 * <p>The engine knows no SQL and no storage: the SQL layer implements the store over the catalog
 * of the backing database (one committed transaction per checkpoint) and keys it by the
 * statement; the engine adds the fingerprint of what the run trains on, so a checkpoint is only
 * ever resumed by the run that wrote it. What a checkpoint holds is the trainer's business (see
 * {@code io.rowspace.engine.space.SpaceCheckpoint} and
 * {@code io.rowspace.engine.predictor.PredictorCheckpoint}); {@link
 * io.rowspace.engine.checkpoint.RandomState} carries a {@code java.util.Random} in one.
 */
package io.rowspace.engine.checkpoint;
