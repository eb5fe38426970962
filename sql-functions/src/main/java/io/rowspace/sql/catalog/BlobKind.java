package io.rowspace.sql.catalog;

/**
 * Kinds of stored binary content in {@code ROWSPACE.MODEL_BLOBS}: a space's model, its embedded
 * rows, the search index over them (spaces whose rows are searched through an index only) and a
 * predictor's model; and the catalog rows of a former version of a space or predictor
 * ({@link ModelVersions}).
 */
public enum BlobKind {
  SPACE, SPACE_VECTORS, SPACE_INDEX, PREDICTOR, SPACE_CATALOG, PREDICTOR_CATALOG
}
