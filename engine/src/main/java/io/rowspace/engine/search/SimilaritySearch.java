package io.rowspace.engine.search;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Nearest rows of a space: exact search over its {@link RowVectors} while they are few, an
 * {@link HnswIndex} over them above a row threshold. Large {@code k} searches stay exact even
 * with an index, as the graph gains nothing once a good part of the rows is wanted.
 */
public final class SimilaritySearch {
  /** Spaces with more rows than this get an index unless told otherwise. */
  public static final int DEFAULT_EXACT_ROWS = 200_000;
  /** Largest {@code k} searched through the index, and at most this share of the rows. */
  static final int MAX_INDEXED_K = 1024;
  private static final int MAX_INDEXED_SHARE = 8;

  private final RowVectors vectors;
  private final HnswIndex index;

  private SimilaritySearch(RowVectors vectors, HnswIndex index) {
    this.vectors = vectors;
    this.index = index;
  }

  /** Exact search only. */
  public static SimilaritySearch exact(RowVectors vectors) {
    return new SimilaritySearch(vectors, null);
  }

  /** Search through a stored index of these rows. */
  public static SimilaritySearch indexed(RowVectors vectors, HnswIndex index) {
    if (index.size() != vectors.size()) {
      throw new IllegalArgumentException("The search index holds " + index.size()
          + " rows, the space " + vectors.size() + ".");
    }
    return new SimilaritySearch(vectors, index);
  }

  /**
   * Exact search for at most {@code exactRows} rows; above, builds an index with the given seed.
   *
   * @param cancelled checked while the index is built
   */
  public static SimilaritySearch build(RowVectors vectors, int exactRows, long seed,
      BooleanSupplier cancelled) {
    return vectors.size() <= exactRows ? exact(vectors)
        : indexed(vectors, HnswIndex.build(vectors, seed, cancelled));
  }

  public RowVectors vectors() {
    return vectors;
  }

  public Optional<HnswIndex> index() {
    return Optional.ofNullable(index);
  }

  /**
   * The {@code k} rows most similar to {@code query}, best first, {@code excludeRow} (or -1)
   * left out: exact without an index, approximate with one.
   */
  public Neighbours nearest(float[] query, int k, int excludeRow) {
    boolean useIndex = index != null && k <= MAX_INDEXED_K
        && k <= vectors.size() / MAX_INDEXED_SHARE;
    return useIndex ? index.nearest(vectors, query, k, excludeRow)
        : vectors.nearest(query, k, excludeRow);
  }

  /**
   * Every row but {@code excludeRow} in decreasing similarity to {@code query}, found as it is
   * read: {@code firstSearch} rows are searched for first, twice as many each time more are read.
   */
  public RankedNeighbours ranked(float[] query, int excludeRow, int firstSearch) {
    return new RankedNeighbours(this, query, excludeRow, firstSearch);
  }
}
