package io.rowspace.engine.search;

import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's view of a space's rows while a graph is built or searched: scores are cosine
 * similarities mapped to {@code [0, 1]} as {@code (1 + cosine) / 2}, the order Lucene's graph
 * needs, read straight from the rows' own array.
 */
final class RowVectorScorers implements RandomVectorScorerSupplier {
  private final RowVectors vectors;

  RowVectorScorers(RowVectors vectors) {
    this.vectors = vectors;
  }

  @Override public RandomVectorScorer scorer(int row) {
    return forQuery(vectors, vectors.vector(row));
  }

  @Override public RandomVectorScorerSupplier copy() {
    return this;
  }

  /** Scores rows against a normalised query vector. */
  static RandomVectorScorer forQuery(RowVectors vectors, float[] query) {
    int rows = vectors.size();
    return new RandomVectorScorer() {
      @Override public float score(int row) {
        return Math.max(0f, (1 + vectors.similarity(query, row)) / 2);
      }

      @Override public int maxOrd() {
        return rows;
      }
    };
  }
}
