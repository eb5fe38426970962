/**
 * Embedding spaces: the trained {@link io.rowspace.engine.space.EmbeddingSpace} that maps rows to
 * L2-normalised vectors, and what it is made of. Training lives in
 * {@link io.rowspace.engine.space.train}; this package knows rows and columns, not SQL: the SQL
 * layer turns results into catalog rows, warnings and SQLSTATEs.
 *
 * <p>{@link io.rowspace.engine.space.SpaceTokens} turns a batch of rows into the tokens the
 * transformer reads (one per column, then one per related table) and says where every weight of a
 * space lives; training's objective, fine-tuning's {@link io.rowspace.engine.space.SpaceForwardPass}
 * and the space's own PyTorch path all start there. The plain-Java path
 * ({@link io.rowspace.engine.nn.TransformerInference}) computes the same tokens from the same
 * weights; {@link io.rowspace.engine.space.SpaceInference} runs a space on either path and owns
 * its native memory.
 *
 * <p>When the rows carry related rows, {@link io.rowspace.engine.space.RelatedTokens} gives each
 * related table its own encoders and weights and turns it into one more token of the root row:
 * children by attention and mean pooling plus their count and summaries, parents through a gated
 * encoding of their row. The objective, masking and mutual-information estimates then treat that
 * token like a column.
 *
 * <p>{@link io.rowspace.engine.space.SpaceForwardPass} runs a space's forward pass on weights the
 * caller holds, on the autograd tape, for predictors that fine-tune its layers;
 * {@link io.rowspace.engine.space.EmbeddingSpace#withWeights} makes the tuned copy they embed with.
 * Options ({@link io.rowspace.engine.space.SpaceOptions}), progress and the per-epoch
 * {@link io.rowspace.engine.space.EpochRecord}s ({@link io.rowspace.engine.space.TrainingMonitor})
 * are shared by space and predictor training.
 *
 * <p>{@link io.rowspace.engine.space.EmbeddingSpace#renamed} gives the same space reading tables
 * and columns under other names (an {@link io.rowspace.engine.data.Renaming}), for a model moved
 * to a database that spells them differently ({@link io.rowspace.engine.space.SpaceRenaming}).
 */
package io.rowspace.engine.space;
