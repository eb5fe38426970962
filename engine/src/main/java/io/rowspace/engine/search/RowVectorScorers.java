package io.rowspace.engine.search;

import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's view of a run of a space's rows while a graph is built or searched: graph node
 * {@code i} is row {@code first + i}; scores are cosine similarities mapped to {@code [0, 1]} as
 * {@code (1 + cosine) / 2}, the order Lucene's graph needs, read straight from the rows' own
 * array.
 */
final class RowVectorScorers implements RandomVectorScorerSupplier {
  private final RowVectors vectors;
  private final int first;
  private final int count;

  RowVectorScorers(RowVectors vectors, int first, int count) {
    this.vectors = vectors;
    this.first = first;
    this.count = count;
  }

  @Override public RandomVectorScorer scorer(int node) {
    return forQuery(vectors, vectors.vector(first + node), first, count);
  }

  @Override public RandomVectorScorerSupplier copy() {
    return this;
  }

  /** Scores rows {@code first .. first + count - 1}, as nodes from 0, against a normalised query. */
  static RandomVectorScorer forQuery(RowVectors vectors, float[] query, int first, int count) {
    return new RandomVectorScorer() {
      @Override public float score(int node) {
        return Math.max(0f, (1 + vectors.similarity(query, first + node)) / 2);
      }

      @Override public int maxOrd() {
        return count;
      }
    };
  }
}
