/**
 * The Rowspace catalog in the backing database (SPEC section 7): schema {@code ROWSPACE} with
 * the tables {@code EMBEDDING_SPACES}, {@code PREDICTORS}, {@code SPACE_COLUMNS},
 * {@code RELATIONSHIPS}, {@code TRAINING_TIMELINE}, {@code JOBS} and {@code MODEL_BLOBS} (the
 * weights, chunked, with their SHA-256 checksum on the owning row).
 *
 * <p>Everything a statement writes goes in one transaction, so a failed statement leaves the
 * catalog as it was. This package reads and writes rows; it does not train or load models.
 */
package io.rowspace.sql.catalog;
