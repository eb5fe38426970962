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
 * an earlier Rowspace (numbered migrations recorded in {@code CATALOG_VERSION}).
 * {@link io.rowspace.sql.catalog.Catalog} opens it and hands out one store per kind of row:
 * {@link io.rowspace.sql.catalog.SpaceStore} (a space's row with its columns, relationships and
 * timeline), {@link io.rowspace.sql.catalog.PredictorStore},
 * {@link io.rowspace.sql.catalog.BlobStore} (model bytes, checked against their checksum),
 * {@link io.rowspace.sql.catalog.VersionStore},
 * {@link io.rowspace.sql.catalog.JobStore} and {@link io.rowspace.sql.catalog.CheckpointStore}.
 * The stores reach the database only through {@code CatalogConnections}: a connection of its
 * own for a read, or one transaction ({@link io.rowspace.sql.catalog.CatalogWork}) for
 * everything a statement writes, so a failed statement leaves the catalog as it was. Rows of
 * tables written only with their model (timeline, columns) and chunked bytes are written by
 * package-private helpers on the caller's connection. This package reads and writes rows; it
 * does not train or load models.
 */
package io.rowspace.sql.catalog;
