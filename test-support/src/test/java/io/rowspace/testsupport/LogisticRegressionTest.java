package io.rowspace.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  @Test
  void separatesALinearlySeparableSetWithFiniteWeights() {
    Random random = new Random(7);
    int n = 200;
    double[][] x = new double[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      y[i] = a + 2 * b > 0 ? 1 : 0;
      // A margin around the boundary makes the set strictly separable.
      double shift = y[i] == 1 ? 0.5 : -0.5;
      x[i] = new double[] {a + shift, b + shift};
    }
    LogisticRegression model = LogisticRegression.fit(x, y, 2, 1.0);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      double[] p = model.probabilities(x[i]);
      assertEquals(1.0, p[0] + p[1], 1e-12);
      assertTrue(Double.isFinite(p[1]));
      correct += (p[1] > 0.5 ? 1 : 0) == y[i] ? 1 : 0;
    }
    assertEquals(n, correct, "every row of a separable set on the right side");
    assertTrue(model.probabilities(new double[] {3, 3})[1] > 0.99);
    assertTrue(model.probabilities(new double[] {-3, -3})[1] < 0.01);
  }

  @Test
  void theInterceptAloneLearnsTheBaseRate() {
    double[][] x = new double[100][];
    int[] y = new int[100];
    for (int i = 0; i < 100; i++) {
      x[i] = new double[] {0};
      y[i] = i < 30 ? 1 : 0;
    }
    LogisticRegression model = LogisticRegression.fit(x, y, 2, 1.0);
    assertEquals(0.3, model.probabilities(new double[] {0})[1], 1e-4);
  }

  @Test
  void multinomialModelFindsThreeClusters() {
    Random random = new Random(11);
    double[][] centres = {{0, 4}, {4, -2}, {-4, -2}};
    int n = 300;
    double[][] x = new double[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      x[i] = new double[] {centres[y[i]][0] + random.nextGaussian(),
          centres[y[i]][1] + random.nextGaussian()};
    }
    LogisticRegression model = LogisticRegression.fit(x, y, 3, 1.0);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      double[] p = model.probabilities(x[i]);
      assertEquals(1.0, p[0] + p[1] + p[2], 1e-9);
      int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
      correct += best == y[i] ? 1 : 0;
    }
    assertTrue(correct >= 0.97 * n, "clusters 4 standard deviations apart: " + correct + "/" + n);
  }
}
