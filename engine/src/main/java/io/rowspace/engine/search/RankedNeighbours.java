package io.rowspace.engine.search;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The rows of a space in decreasing similarity to a query, read a chunk at a time, for callers
 * that do not know how many they need (a filter on the neighbours, say). Each time the rows
 * found run out, the search runs again for twice as many and the rows not given yet follow.
 *
 * <p>With an index, a later search may find a row more similar than one already given; it is
 * given next, so ranks stay unique and increasing while similarities are only nearly ordered.
 */
public final class RankedNeighbours {
  private final SimilaritySearch search;
  private final float[] query;
  private final int excludeRow;
  /** Rows other than the query row: when a search asks for this many, it finds them all. */
  private final int candidates;
  private int searched;
  private Neighbours found;
  private int position;
  private BitSet given;

  RankedNeighbours(SimilaritySearch search, float[] query, int excludeRow, int firstSearch) {
    this.search = search;
    this.query = query;
    this.excludeRow = excludeRow;
    int rows = search.vectors().size();
    this.candidates = excludeRow >= 0 && excludeRow < rows ? rows - 1 : rows;
    this.searched = Math.min(Math.max(1, firstSearch), candidates);
    this.found = search.nearest(query, searched, excludeRow);
  }

  /** The next at most {@code max} rows, best first; none when every row has been given. */
  public Neighbours next(int max) {
    int[] rows = new int[max];
    float[] similarities = new float[max];
    int count = 0;
    while (count < max) {
      if (position == found.size()) {
        if (searched >= candidates) {
          break;
        }
        rememberGiven();
        searched = (int) Math.min(candidates, 2L * searched);
        found = search.nearest(query, searched, excludeRow);
        position = 0;
        continue;
      }
      int row = found.row(position);
      double similarity = found.similarity(position);
      position++;
      if (given != null && given.get(row)) {
        continue;
      }
      rows[count] = row;
      similarities[count] = (float) similarity;
      count++;
      if (given != null) {
        given.set(row);
      }
    }
    return count == max ? new Neighbours(rows, similarities)
        : new Neighbours(Arrays.copyOf(rows, count), Arrays.copyOf(similarities, count));
  }

  /** Before the first search again, marks the rows of the first one as given. */
  private void rememberGiven() {
    if (given == null) {
      given = new BitSet(search.vectors().size());
      for (int i = 0; i < position; i++) {
        given.set(found.row(i));
      }
    }
  }
}
