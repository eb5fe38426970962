/**
 * The Rowspace catalog in the backing database (SPEC section 7): schema {@code ROWSPACE} with
 * the tables {@code EMBEDDING_SPACES}, {@code PREDICTORS}, {@code SPACE_COLUMNS},
 * {@code RELATIONSHIPS}, {@code TRAINING_TIMELINE}, {@code JOBS} (with the owning process,
 * {@link io.rowspace.sql.catalog.JobOwner}, and its heartbeat), {@code MODEL_BLOBS} (the
 * weights, chunked, with their SHA-256 checksum on the owning row) and {@code CHECKPOINTS} /
 * {@code CHECKPOINT_CHUNKS} (the latest training checkpoint of a model, each written in a
 * transaction of its own).
 *
 * <p>Everything a statement writes goes in one transaction, so a failed statement leaves the
 * catalog as it was. This package reads and writes rows; it does not train or load models.
 */
package io.rowspace.sql.catalog;
