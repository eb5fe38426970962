/**
 * Embedding spaces: self-supervised training of a transformer over column tokens, and the trained
 * {@link io.rowspace.engine.space.EmbeddingSpace} that maps rows to L2-normalised vectors.
 *
 * <p>{@link io.rowspace.engine.space.SpaceTrainer} profiles the rows, fits the column encoders,
 * derives the training settings from the data's shape (options override them) and trains with
 * complementary masked views of each row. Progress, warnings (excluded columns, unparseable values)
 * and the per-epoch {@link io.rowspace.engine.space.EpochRecord}s go to a
 * {@link io.rowspace.engine.space.TrainingMonitor}, which can also cancel at a batch boundary. This
 * package knows rows and columns, not SQL: the SQL layer turns its results into catalog rows,
 * warnings and SQLSTATEs.
 */
package io.rowspace.engine.space;
