package io.rowspace.engine.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.error.EngineException;
import io.rowspace.error.SqlStates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HNSW index against exact search on generated rows shaped like embeddings: clusters in a
 * low-dimensional subspace of a 32-dimensional space, normalised.
 */
class HnswIndexTest {
  private static final int ROWS = 20_000;
  private static RowVectors rows;
  private static HnswIndex index;

  private static final List<Integer> PROGRESS_REPORTS = new ArrayList<>();

  @BeforeAll
  static void buildIndex() {
    rows = clusteredRows(ROWS, 32, 11);
    index = HnswIndex.build(rows, 42, () -> false, PROGRESS_REPORTS::add);
  }

  @Test
  void theBuildReportsItsProgressUpToEveryRow() {
    assertEquals(List.of(16_384, ROWS), PROGRESS_REPORTS);
  }

  @Test
  void theMeasuredSpeedOfBothSearchesComesWithTheIndexsRecall() {
    SearchSpeed speed = SearchSpeed.measure(rows, index, 7);
    System.out.println("20,000 clustered rows: " + speed.describe());
    assertEquals(SearchSpeed.QUERIES, speed.queries());
    assertTrue(speed.exactMillis() > 0 && speed.indexMillis() > 0, speed.describe());
    assertTrue(speed.recall() >= 0.95 && speed.recall() <= 1, speed.describe());
    assertEquals(speed.recall() >= SearchSpeed.MIN_RECALL
        && speed.indexMillis() < speed.exactMillis(), speed.indexWins());
    // The recall is the searches' own, whatever the timings: measured again, it is the same.
    assertEquals(speed.recall(), SearchSpeed.measure(rows, index, 7).recall());
    assertTrue(speed.describe().contains("recall@10"), speed.describe());
  }

  @Test
  void recallAtTenAgainstExactSearchIsAtLeastNinetyFivePercent() {
    Random random = new Random(3);
    int queries = 200;
    int found = 0;
    for (int q = 0; q < queries; q++) {
      int row = random.nextInt(ROWS);
      float[] query = rows.vector(row);
      Set<Integer> exact = rowSet(rows.nearest(query, 10, row));
      Neighbours approximate = index.nearest(rows, query, 10, row);
      assertEquals(10, approximate.size());
      for (int i = 0; i < approximate.size(); i++) {
        assertTrue(approximate.row(i) != row, "the query row is left out");
        found += exact.contains(approximate.row(i)) ? 1 : 0;
      }
    }
    double recall = found / (10.0 * queries);
    assertTrue(recall >= 0.95, "recall@10 = " + recall);
  }

  @Test
  void theSameRowsAndSeedGiveTheSameIndex() {
    RowVectors few = clusteredRows(3000, 16, 2);
    byte[] first = HnswIndex.build(few, 7, () -> false).toBytes();
    assertArrayEquals(first, HnswIndex.build(few, 7, () -> false).toBytes());
  }

  @Test
  void aStoredIndexFindsWhatTheBuiltOneFinds() {
    HnswIndex loaded = HnswIndex.fromBytes(index.toBytes(), rows);
    for (int row = 0; row < ROWS; row += 997) {
      Neighbours built = index.nearest(rows, rows.vector(row), 10, row);
      Neighbours stored = loaded.nearest(rows, rows.vector(row), 10, row);
      assertArrayEquals(rowArray(built), rowArray(stored), "neighbours of row " + row);
    }
  }

  @Test
  void anIndexOfOtherRowsOrDamagedBytesIsRefused() {
    byte[] bytes = index.toBytes();
    assertThrows(IllegalArgumentException.class,
        () -> HnswIndex.fromBytes(bytes, clusteredRows(100, 32, 1)));
    assertThrows(IllegalArgumentException.class,
        () -> HnswIndex.fromBytes(Arrays.copyOf(bytes, bytes.length / 2), rows));
  }

  @Test
  void largeSpacesAreIndexedOnEveryCoreInGraphsOfAtLeastFiftyThousandRows() {
    assertEquals(1, HnswIndex.graphCount(20_000, 2));
    assertEquals(1, HnswIndex.graphCount(99_999, 2));
    assertEquals(2, HnswIndex.graphCount(100_000, 2));
    assertEquals(2, HnswIndex.graphCount(1_000_000, 2));
    assertEquals(8, HnswIndex.graphCount(1_000_000, 8));
    assertEquals(3, HnswIndex.graphCount(150_000, 8));
    assertEquals(1, HnswIndex.graphCount(10, 1));
  }

  @Test
  void graphsBuiltOnTwoThreadsAreTheSameBytesOnEveryBuildAndFindTheNeighbours() {
    List<Integer> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    HnswIndex twoGraphs = HnswIndex.buildGraphs(rows, 42, 2, () -> false, reports::add);
    assertEquals(2, twoGraphs.graphs());
    assertEquals(ROWS, twoGraphs.size());
    assertEquals(ROWS, reports.get(reports.size() - 1), "the last report is every row");
    for (int i = 1; i < reports.size(); i++) {
      assertTrue(reports.get(i) >= reports.get(i - 1), "progress only grows: " + reports);
    }
    byte[] bytes = twoGraphs.toBytes();
    assertArrayEquals(bytes,
        HnswIndex.buildGraphs(rows, 42, 2, () -> false, r -> { }).toBytes());

    HnswIndex loaded = HnswIndex.fromBytes(bytes, rows);
    Random random = new Random(5);
    int found = 0;
    int queries = 200;
    for (int q = 0; q < queries; q++) {
      // Rows of both graphs, the query row itself left out wherever it lives
      int row = random.nextInt(ROWS);
      Set<Integer> exact = rowSet(rows.nearest(rows.vector(row), 10, row));
      Neighbours approximate = twoGraphs.nearest(rows, rows.vector(row), 10, row);
      assertArrayEquals(rowArray(approximate),
          rowArray(loaded.nearest(rows, rows.vector(row), 10, row)), "stored and built agree");
      assertEquals(10, approximate.size());
      for (int i = 0; i < approximate.size(); i++) {
        assertTrue(approximate.row(i) != row, "the query row is left out");
        found += exact.contains(approximate.row(i)) ? 1 : 0;
      }
    }
    double recall = found / (10.0 * queries);
    assertTrue(recall >= 0.95, "recall@10 over two graphs = " + recall);
  }

  @Test
  void buildingOnTwoThreadsStopsWhenCancelled() {
    EngineException e = assertThrows(EngineException.class,
        () -> HnswIndex.buildGraphs(rows, 42, 2, () -> true, r -> { }));
    assertEquals(SqlStates.CANCELLED, e.sqlState());
  }

  @Test
  void anIndexStoredInFormatOneStillSearches() {
    // Format 1 is format 2's header without the graph count and the run of the one graph.
    byte[] current = index.toBytes();
    java.nio.ByteBuffer formatOne = java.nio.ByteBuffer.allocate(current.length - 12);
    formatOne.putInt(1).put(current, 4, 16).put(current, 32, current.length - 32);
    HnswIndex old = HnswIndex.fromBytes(formatOne.array(), rows);
    assertEquals(1, old.graphs());
    for (int row = 0; row < ROWS; row += 1999) {
      assertArrayEquals(rowArray(index.nearest(rows, rows.vector(row), 10, row)),
          rowArray(old.nearest(rows, rows.vector(row), 10, row)), "neighbours of row " + row);
    }
  }

  @Test
  void buildingStopsWhenCancelled() {
    EngineException e = assertThrows(EngineException.class,
        () -> HnswIndex.build(rows, 42, () -> true));
    assertEquals(SqlStates.CANCELLED, e.sqlState());
  }

  @Test
  void rankedNeighboursGiveEveryOtherRowOnce() {
    RowVectors few = clusteredRows(5000, 16, 4);
    SimilaritySearch indexed = SimilaritySearch.build(few, 100, 42, () -> false);
    assertTrue(indexed.index().isPresent(), "above the threshold an index is built");
    for (SimilaritySearch search : List.of(indexed, SimilaritySearch.exact(few))) {
      RankedNeighbours ranked = search.ranked(few.vector(17), 17, 10);
      Set<Integer> seen = new HashSet<>();
      Neighbours chunk;
      while ((chunk = ranked.next(64)).size() > 0) {
        for (int i = 0; i < chunk.size(); i++) {
          assertTrue(seen.add(chunk.row(i)), "row " + chunk.row(i) + " given twice");
        }
      }
      assertEquals(few.size() - 1, seen.size());
      assertTrue(!seen.contains(17));
    }
    Neighbours exactFirst = SimilaritySearch.exact(few).ranked(few.vector(17), 17, 10).next(300);
    assertArrayEquals(rowArray(few.nearest(few.vector(17), 300, 17)), rowArray(exactFirst),
        "without an index the ranking is exact across searches");
  }

  private static Set<Integer> rowSet(Neighbours neighbours) {
    Set<Integer> set = new HashSet<>();
    for (int i = 0; i < neighbours.size(); i++) {
      set.add(neighbours.row(i));
    }
    return set;
  }

  private static int[] rowArray(Neighbours neighbours) {
    int[] result = new int[neighbours.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = neighbours.row(i);
    }
    return result;
  }

  /** Normalised rows around 50 centres in an 8-dimensional subspace. */
  static RowVectors clusteredRows(int n, int dimension, long seed) {
    Random random = new Random(seed);
    int latent = 8;
    float[][] projection = new float[latent][dimension];
    for (float[] p : projection) {
      for (int j = 0; j < dimension; j++) {
        p[j] = (float) random.nextGaussian();
      }
    }
    float[][] centres = new float[50][latent];
    for (float[] c : centres) {
      for (int l = 0; l < latent; l++) {
        c[l] = (float) random.nextGaussian();
      }
    }
    List<String> keys = new ArrayList<>(n);
    float[][] vectors = new float[n][dimension];
    for (int i = 0; i < n; i++) {
      keys.add(Integer.toString(i));
      float[] centre = centres[random.nextInt(centres.length)];
      for (int l = 0; l < latent; l++) {
        float z = centre[l] + 0.5f * (float) random.nextGaussian();
        for (int j = 0; j < dimension; j++) {
          vectors[i][j] += z * projection[l][j];
        }
      }
      double norm = 0;
      for (float v : vectors[i]) {
        norm += v * v;
      }
      for (int j = 0; j < dimension; j++) {
        vectors[i][j] /= (float) Math.sqrt(norm);
      }
    }
    return new RowVectors(keys, vectors);
  }
}
