package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

/** The measures of collapse on embeddings whose answer is known. */
class EmbeddingHealthTest {
  private static final int WIDTH = 16;

  private static float[] unitRows(int rows, Random random, int directions) {
    float[] z = new float[rows * WIDTH];
    for (int r = 0; r < rows; r++) {
      double norm = 0;
      for (int j = 0; j < directions; j++) {
        z[r * WIDTH + j] = (float) random.nextGaussian();
        norm += z[r * WIDTH + j] * z[r * WIDTH + j];
      }
      for (int j = 0; j < directions; j++) {
        z[r * WIDTH + j] /= (float) Math.sqrt(norm);
      }
    }
    return z;
  }

  @Test
  void rowsSpreadOverTheSphereAreHealthy() {
    EmbeddingHealth health = EmbeddingHealth.of(unitRows(2000, new Random(3), WIDTH), WIDTH);
    assertEquals(2000, health.rows());
    assertEquals(0.0, health.meanCosine(), 0.01);
    assertTrue(health.effectiveRank() > 14, health.toString());
    assertEquals(1.0, health.variance(), 0.01, "unit vectors around the origin");
    assertFalse(health.collapsed());
    assertFalse(health.constant());
  }

  @Test
  void rowsAtOnePointAreCollapsedAndConstant() {
    float[] z = new float[100 * WIDTH];
    for (int r = 0; r < 100; r++) {
      z[r * WIDTH + 3] = 1f;
    }
    EmbeddingHealth health = EmbeddingHealth.of(z, WIDTH);
    assertEquals(1.0, health.meanCosine(), 1e-9);
    assertTrue(health.collapsed());
    assertTrue(health.constant());
  }

  @Test
  void rowsOnOneAxisAreCollapsedThoughTheirMeanCosineIsLow() {
    Random random = new Random(5);
    float[] z = new float[400 * WIDTH];
    for (int r = 0; r < 400; r++) {
      z[r * WIDTH] = random.nextBoolean() ? 1f : -1f;
    }
    EmbeddingHealth health = EmbeddingHealth.of(z, WIDTH);
    assertTrue(health.meanCosine() < 0.1, health.toString());
    assertEquals(1.0, health.effectiveRank(), 1e-6);
    assertTrue(health.collapsed(), "a dimensional collapse");
    assertFalse(health.constant());
  }

  @Test
  void onlyRowsDrawnTogetherByTrainingCountAsACollapse() {
    float[] bunched = new float[100 * WIDTH];
    Random random = new Random(9);
    for (int r = 0; r < 100; r++) {
      bunched[r * WIDTH] = 1f;
      bunched[r * WIDTH + 1] = (float) (0.1 * random.nextGaussian());
    }
    EmbeddingHealth together = EmbeddingHealth.of(bunched, WIDTH);
    EmbeddingHealth spread = EmbeddingHealth.of(unitRows(500, new Random(4), WIDTH), WIDTH);
    assertTrue(together.collapsed());
    assertTrue(together.collapsedSince(spread), "drawn together from a spread start");
    assertFalse(together.collapsedSince(together), "as bunched as at the start: not spread yet");
    assertFalse(spread.collapsedSince(together));
  }

  @Test
  void rowsSpreadOverThreeDirectionsHaveAnEffectiveRankOfAboutThree() {
    EmbeddingHealth health = EmbeddingHealth.of(unitRows(3000, new Random(8), 3), WIDTH);
    assertEquals(3.0, health.effectiveRank(), 0.1);
    assertFalse(health.collapsed());
  }

  @Test
  void jacobiRotationsFindTheEigenvaluesOfARotatedDiagonalMatrix() {
    double[] expected = {5, 2, 0.5, 0};
    int n = expected.length;
    // Q diag(expected) Q^T for the orthogonal Q of a Householder reflection.
    double[] v = {1, 2, -1, 0.5};
    double vv = 0;
    for (double x : v) {
      vv += x * x;
    }
    double[][] q = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        q[i][j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
      }
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          m[i][j] += q[i][k] * expected[k] * q[j][k];
        }
      }
    }
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      copy[i] = m[i].clone();
    }
    double[] values = SymmetricEigenvalues.of(m);
    Arrays.sort(values);
    double[] sorted = expected.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, values, 1e-9);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(copy[i], m[i], 0.0, "the argument is left unchanged");
    }
  }
}
