package io.rowspace.engine.search;

/**
 * The {@code k} best rows offered so far, by similarity, ties going to the lower row: a bounded
 * min-heap over two primitive arrays, so keeping the best of a million rows allocates nothing per
 * row. Not thread-safe; one per search.
 */
final class TopK {
  private final int[] rows;
  private final float[] similarities;
  private int size;

  TopK(int k) {
    this.rows = new int[k];
    this.similarities = new float[k];
  }

  /** The similarity a row must beat to enter, once full; negative infinity before. */
  float threshold() {
    return size < rows.length ? Float.NEGATIVE_INFINITY : similarities[0];
  }

  void offer(int row, float similarity) {
    if (size < rows.length) {
      rows[size] = row;
      similarities[size] = similarity;
      siftUp(size++);
    } else if (worse(rows[0], similarities[0], row, similarity)) {
      rows[0] = row;
      similarities[0] = similarity;
      siftDown(0);
    }
  }

  /** The rows kept, best first; empties this heap. */
  Neighbours drain() {
    int n = size;
    int[] sortedRows = new int[n];
    float[] sortedSimilarities = new float[n];
    for (int i = n - 1; i >= 0; i--) {
      sortedRows[i] = rows[0];
      sortedSimilarities[i] = similarities[0];
      size--;
      rows[0] = rows[size];
      similarities[0] = similarities[size];
      siftDown(0);
    }
    return new Neighbours(sortedRows, sortedSimilarities);
  }

  /** Whether row a ranks below row b: less similar, or as similar and later. */
  private static boolean worse(int rowA, float similarityA, int rowB, float similarityB) {
    return similarityA < similarityB || (similarityA == similarityB && rowA > rowB);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(rows[i], similarities[i], rows[parent], similarities[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int right = left + 1;
      int worst = right < size && worse(rows[right], similarities[right], rows[left],
          similarities[left]) ? right : left;
      if (!worse(rows[worst], similarities[worst], rows[i], similarities[i])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int row = rows[a];
    rows[a] = rows[b];
    rows[b] = row;
    float similarity = similarities[a];
    similarities[a] = similarities[b];
    similarities[b] = similarity;
  }
}
