/**
 * Models moved between databases: {@link io.rowspace.sql.transfer.ModelArchive}, the portable
 * file that {@code EXPORT PREDICTOR | EMBEDDING SPACE} writes and {@code IMPORT} reads (magic,
 * format version, the catalog rows and stored bytes of a space and its predictors, a SHA-256 of
 * the whole), written to a temporary file and renamed over the target so that a file is either
 * whole or absent; {@link io.rowspace.sql.transfer.NameBinding}, which binds the tables and
 * columns an imported space reads to the importing database's (as written, as an unquoted name
 * folds there, or the one name equal ignoring case); and
 * {@link io.rowspace.sql.transfer.RenamedModels}, which renames them once in the stored models and
 * their catalog rows, so that nothing downstream renames per query.
 *
 * <p>What is exported and the order of an import's checks are the job of the commands in
 * {@code io.rowspace.sql.ddl}; storing the models that of the catalog.
 */
package io.rowspace.sql.transfer;
