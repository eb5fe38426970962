/**
 * The Rowspace catalog in the backing database (SPEC section 7): schema {@code ROWSPACE} with
 * the tables {@code EMBEDDING_SPACES}, {@code PREDICTORS}, {@code SPACE_COLUMNS},
 * {@code RELATIONSHIPS}, {@code TRAINING_TIMELINE}, {@code JOBS} (with the owning process,
 * {@link io.rowspace.sql.catalog.JobOwner}, and its heartbeat), {@code MODEL_BLOBS} (the
 * weights, chunked, with their SHA-256 checksum on the owning row) and {@code CHECKPOINTS} /
 * {@code CHECKPOINT_CHUNKS} (the latest training checkpoint of a model, each written in a
 * transaction of its own), and {@code MODEL_VERSIONS}: the kept former versions of spaces and
 * predictors ({@link io.rowspace.sql.catalog.ModelVersions}), whose catalog rows are kept as
 * {@link io.rowspace.sql.catalog.ModelRows} beside their weights. A
 * {@link io.rowspace.sql.catalog.StoredModel} is one version's rows and bytes, as EXPORT reads
 * and IMPORT stores them.
 *
 * <p>{@link io.rowspace.sql.catalog.CatalogSchema} creates the tables and migrates a catalog of
 * an earlier Rowspace (numbered migrations recorded in {@code CATALOG_VERSION});
 * {@link io.rowspace.sql.catalog.JobStore} and {@link io.rowspace.sql.catalog.CheckpointStore}
 * hold the jobs and the checkpoints. Everything a statement writes goes in one transaction
 * ({@link io.rowspace.sql.catalog.CatalogWork}), so a failed statement leaves the catalog as it
 * was. This package reads and writes rows; it does not train or load models.
 */
package io.rowspace.sql.catalog;
