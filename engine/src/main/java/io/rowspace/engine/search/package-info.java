/**
 * Vector search over embedded rows: {@link io.rowspace.engine.search.RowVectors} keeps each
 * row's key and normalised vector and finds nearest neighbours by exact cosine similarity;
 * {@link io.rowspace.engine.search.AnomalyScorer} scores how isolated a vector is among them.
 */
package io.rowspace.engine.search;
