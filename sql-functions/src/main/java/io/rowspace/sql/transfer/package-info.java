/**
 * Models moved between databases: {@link io.rowspace.sql.transfer.ModelArchive}, the portable
 * file that {@code EXPORT PREDICTOR | EMBEDDING SPACE} writes and {@code IMPORT} reads (magic,
 * format version, the catalog rows and stored bytes of a space and its predictors, a SHA-256 of
 * the whole), written to a temporary file and renamed over the target so that a file is either
 * whole or absent.
 *
 * <p>Only the format lives here; what is exported and how an import is checked against the
 * tables of the importing database is the job of the commands in {@code io.rowspace.sql.ddl},
 * and storing it that of the catalog.
 */
package io.rowspace.sql.transfer;
