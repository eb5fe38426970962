/**
 * Training of embedding spaces, apart from the trained space itself
 * ({@link io.rowspace.engine.space.EmbeddingSpace}, which embeds and is saved without knowing how
 * it was trained).
 *
 * <p>{@link io.rowspace.engine.space.train.SpaceTrainer} is the entry point: it profiles the
 * rows, fits the column encoders ({@code SemanticColumns} deciding which take the bundled
 * sentence model: free text, and categories whose values are words, unless option
 * {@code sentence_model} says otherwise), fits the related tables' tokens, and hands the encoded
 * rows to the classes that each hold one concern:
 * <ul>
 *   <li>{@code TrainingPlan}: the settings resolved from the data's shape (width, depth, batch
 *       size, epochs from a target number of steps, at most 200 steps a derived epoch so the
 *       budget stops growing with the rows, learning rate); options override them;
 *   <li>{@code TrainingLoop}: the epochs of AdamW steps under a one-cycle schedule, validation,
 *       checkpoints ({@code SpaceCheckpoint}, keyed by {@code TrainingFingerprint}) and resuming;
 *   <li>{@code MaskedViewObjective}: the loss (per-column and row InfoNCE over complementary
 *       masked views, spread, scalar reconstruction of {@code ScalarTargets}), weighted per epoch
 *       by a {@code Curriculum};
 *   <li>{@code Interventions}: after each epoch, from the validation loss and the embeddings'
 *       {@code EmbeddingHealth}, the kept epoch, early stopping, and the answers to a dead
 *       network, collapse, no learning and over-fitting;
 *   <li>{@code ColumnInformation}: what each column shares with the rest of its row, in bits,
 *       measured on at most 4,096 held-out rows;
 *   <li>{@code WarmStart}: the earlier weights carried into a continued training's layout
 *       ({@code SpaceTrainer.extend}: ALTER EMBEDDING SPACE ... ADD COLUMNS or REFRESH).
 * </ul>
 *
 * <p>Progress, warnings and the per-epoch {@link io.rowspace.engine.space.EpochRecord}s go to a
 * {@link io.rowspace.engine.space.TrainingMonitor}, which can also cancel at a batch boundary.
 * The same rows, options, seed and thread count give bitwise-identical weights.
 */
package io.rowspace.engine.space.train;
