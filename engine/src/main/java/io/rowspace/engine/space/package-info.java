/**
 * Embedding spaces: self-supervised training of a transformer over column tokens, and the trained
 * {@link io.rowspace.engine.space.EmbeddingSpace} that maps rows to L2-normalised vectors.
 *
 * <p>{@link io.rowspace.engine.space.SpaceTrainer} profiles the rows, fits the column encoders,
 * ({@code SemanticColumns} deciding which take the bundled sentence model: free text, and
 * categories whose values are words, unless option {@code sentence_model} says otherwise),
 * derives the training settings from the data's shape (options override them) and trains with
 * complementary masked views of each row. Progress, warnings (excluded columns, unparseable values)
 * and the per-epoch {@link io.rowspace.engine.space.EpochRecord}s go to a
 * {@link io.rowspace.engine.space.TrainingMonitor}, which can also cancel at a batch boundary. This
 * package knows rows and columns, not SQL: the SQL layer turns its results into catalog rows,
 * warnings and SQLSTATEs.
 *
 * <p>The objective ({@code MaskedViewObjective}: per-column and row InfoNCE, spread, scalar
 * reconstruction of {@code ScalarTargets}) is weighted per epoch by a {@code Curriculum}; after
 * each epoch {@code EmbeddingHealth} measures the validation rows' embeddings, and the trainer
 * answers collapse and a dead network with the interventions listed on {@code SpaceTrainer}.
 *
 * <p>When the rows carry related rows, {@code RelatedTokens} gives each related table its own
 * encoders and weights and turns it into one more token of the root row: children by attention
 * and mean pooling plus their count and summaries, parents through a gated encoding of their row.
 * The objective, masking and mutual-information estimates then treat that token like a column.
 *
 * <p>{@link io.rowspace.engine.space.SpaceForwardPass} runs a space's forward pass on weights the
 * caller holds, on the autograd tape, for predictors that fine-tune its layers;
 * {@link io.rowspace.engine.space.EmbeddingSpace#withWeights} makes the tuned copy they embed with.
 *
 * <p>{@code SpaceTrainer.extend} continues an earlier space's training with more columns (ALTER
 * EMBEDDING SPACE ... ADD COLUMNS) or on newer rows (... REFRESH): the earlier columns keep their
 * encoders and come first, a space over related tables keeps its {@code RelatedTokens}, and
 * {@code WarmStart} carries the earlier weights into the wider layout.
 *
 * <p>{@link io.rowspace.engine.space.EmbeddingSpace#renamed} gives the same space reading tables
 * and columns under other names (an {@link io.rowspace.engine.data.Renaming}), for a model moved
 * to a database that spells them differently.
 */
package io.rowspace.engine.space;
