package io.rowspace.engine.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact nearest neighbours and anomaly scores over embedded rows. */
class RowVectorsTest {
  @Test
  void nearestRowsComeBestFirstWithoutTheQueryRow() {
    RowVectors rows = new RowVectors(List.of("a", "b", "c", "d"), new float[][] {
        unit(1, 0), unit(0.9f, 0.1f), unit(0, 1), unit(0.5f, 0.5f)});
    Neighbours nearest = rows.nearest(rows.vector(0), 2, 0);
    assertEquals(2, nearest.size());
    assertEquals(1, nearest.row(0));
    assertEquals(3, nearest.row(1));
    assertTrue(nearest.similarity(0) > nearest.similarity(1));
    assertEquals(3, rows.nearest(rows.vector(0), 10, 0).size(), "at most the other rows");
  }

  @Test
  void exactSearchAgreesWithSortingEveryRowAcrossBlocks() {
    Random random = new Random(5);
    int n = 1000;
    List<String> keys = new ArrayList<>();
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      keys.add(Integer.toString(i));
      vectors[i] = unit((float) random.nextGaussian(), (float) random.nextGaussian(),
          (float) random.nextGaussian(), (float) random.nextGaussian(),
          (float) random.nextGaussian());
    }
    vectors[700] = vectors[3].clone();
    vectors[900] = vectors[3].clone();
    RowVectors rows = new RowVectors(keys, vectors);
    float[] query = rows.vector(3);
    List<Float> sorted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != 3) {
        sorted.add(dot(query, vectors[i]));
      }
    }
    sorted.sort((a, b) -> Float.compare(b, a));
    Neighbours nearest = rows.nearest(query, 50, 3);
    assertEquals(700, nearest.row(0), "copies of the query row come first, the earlier first");
    assertEquals(900, nearest.row(1));
    for (int i = 0; i < 50; i++) {
      assertEquals(sorted.get(i), nearest.similarity(i), 1e-6, "similarity at rank " + i);
    }
  }

  @Test
  void theScanScoresEveryRowWithTheSameBitsAsOneRowsSimilarity() {
    // An odd row count and a dimension that is not a multiple of four: the scan's pairs of rows
    // and its lone last row, the dot product's four sums and its remainder.
    Random random = new Random(6);
    int n = 1001;
    List<String> keys = new ArrayList<>();
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      keys.add(Integer.toString(i));
      float[] v = new float[7];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian();
      }
      vectors[i] = unit(v);
    }
    RowVectors rows = new RowVectors(keys, vectors);
    float[] query = rows.vector(10);
    Neighbours all = rows.nearest(query, n, -1);
    assertEquals(n, all.size());
    for (int i = 0; i < n; i++) {
      assertEquals(rows.similarity(query, all.row(i)), all.similarity(i), 0f, "rank " + i);
    }
  }

  @Test
  void bytesRoundTrip() {
    RowVectors rows = new RowVectors(List.of("7", "8"), new float[][] {unit(1, 2), unit(3, 1)},
        new double[] {0, 4.5});
    RowVectors copy = RowVectors.fromBytes(rows.toBytes());
    assertEquals(1, copy.rowOf("8"));
    assertArrayEquals(rows.vector(1), copy.vector(1));
    assertEquals(0.0, copy.extremeness(0));
    assertEquals(4.5, copy.extremeness(1));
  }

  /** Spaces stored before rows kept their extremeness still load; their rows count as 0. */
  @Test
  void rowVectorsOfFormatOneLoadWithoutExtremeness() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeInt(2);
      out.writeInt(2);
      out.writeUTF("7");
      out.writeUTF("8");
      for (float value : new float[] {1, 0, 0, 1}) {
        out.writeFloat(value);
      }
    }
    RowVectors rows = RowVectors.fromBytes(bytes.toByteArray());
    assertEquals(2, rows.size());
    assertArrayEquals(new float[] {0, 1}, rows.vector(1));
    assertEquals(0.0, rows.extremeness(1));
  }

  @Test
  void aNewerFormatIsRefusedWithTheFix() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(99);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RowVectors.fromBytes(bytes.toByteArray()));
    assertTrue(e.getMessage().contains("REFRESH EMBEDDING SPACE"), e.getMessage());
  }

  @Test
  void anOutlierScoresManyStandardDeviationsAboveTypicalRows() {
    Random random = new Random(1);
    List<String> keys = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      keys.add(Integer.toString(i));
      vectors.add(unit(1 + (float) random.nextGaussian() * 0.1f,
          (float) random.nextGaussian() * 0.1f, (float) random.nextGaussian() * 0.1f));
    }
    AnomalyScorer scorer = AnomalyScorer.fit(new RowVectors(keys, vectors.toArray(float[][]::new)));
    double typical = scorer.score(vectors.get(17));
    double outlier = scorer.score(unit(0, 0, 1));
    assertTrue(Math.abs(typical) < 3, "a training row is typical: " + typical);
    assertTrue(outlier > 5, "a row pointing elsewhere is an outlier: " + outlier);
  }

  private static float dot(float[] a, float[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return (float) sum;
  }

  private static float[] unit(float... values) {
    double norm = 0;
    for (float v : values) {
      norm += v * v;
    }
    float[] unit = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      unit[i] = (float) (values[i] / Math.sqrt(norm));
    }
    return unit;
  }
}
