/**
 * Vector search over embedded rows. {@link io.rowspace.engine.search.RowVectors} keeps each
 * row's key and normalised vector and finds nearest neighbours exactly, block by block with a
 * bounded heap; {@link io.rowspace.engine.search.HnswIndex} is Lucene's HNSW graph over the same
 * rows (one per core for large spaces, built in parallel and deterministically), in a stored
 * format of Rowspace's own; {@link io.rowspace.engine.search.SimilaritySearch}
 * picks one or the other by the number of rows, and
 * {@link io.rowspace.engine.search.RankedNeighbours} reads its results in rank order for as long
 * as a caller wants more. {@link io.rowspace.engine.search.AnomalyScorer} scores how isolated a
 * vector is among the rows.
 *
 * <p>Nothing here knows SQL or where the vectors are stored; that is the SQL layer's catalog.
 */
package io.rowspace.engine.search;
