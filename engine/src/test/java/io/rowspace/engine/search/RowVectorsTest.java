package io.rowspace.engine.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    List<RowVectors.Neighbour> nearest = rows.nearest(rows.vector(0), 2, 0);
    assertEquals(List.of(1, 3), nearest.stream().map(RowVectors.Neighbour::row).toList());
    assertTrue(nearest.get(0).similarity() > nearest.get(1).similarity());
    assertEquals(3, rows.nearest(rows.vector(0), 10, 0).size(), "at most the other rows");
  }

  @Test
  void bytesRoundTrip() {
    RowVectors rows = new RowVectors(List.of("7", "8"), new float[][] {unit(1, 2), unit(3, 1)});
    RowVectors copy = RowVectors.fromBytes(rows.toBytes());
    assertEquals(1, copy.rowOf("8"));
    assertArrayEquals(rows.vector(1), copy.vector(1));
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
