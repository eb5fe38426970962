package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.trees.BoostingLoss;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The linear member of a predictor's blend on targets that are weighted sums of the inputs: it
 * finds the weights whatever the inputs' scales, treats a missing input as its mean, and gives
 * the same bits for the same rows, saved or not.
 */
class LinearModelTest {
  private static final int WIDTH = 3;

  /** Three inputs on very different scales, a tenth of the second missing. */
  private static float[] inputs(int n, Random random) {
    float[] x = new float[n * WIDTH];
    for (int i = 0; i < n; i++) {
      x[i * WIDTH] = (float) random.nextGaussian();
      x[i * WIDTH + 1] = random.nextDouble() < 0.1 ? Float.NaN
          : (float) (1000 + 250 * random.nextGaussian());
      x[i * WIDTH + 2] = (float) (0.01 * random.nextGaussian());
    }
    return x;
  }

  @Test
  void leastSquaresFindsAWeightedSumOfInputsOnAnyScale() {
    Random random = new Random(1);
    int n = 2000;
    float[] x = inputs(n, random);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float second = Float.isNaN(x[i * WIDTH + 1]) ? 1000f : x[i * WIDTH + 1];
      y[i] = 2 * x[i * WIDTH] - 0.004f * (second - 1000) + 100 * x[i * WIDTH + 2];
    }
    int[] all = IntStream.range(0, n).toArray();
    LinearModel model = LinearModel.fit(x, WIDTH, all, BoostingLoss.SQUARED, 1, y, 7);
    float[] predicted = model.predict(x, n);
    double squares = 0;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      squares += (predicted[i] - y[i]) * (predicted[i] - y[i]);
      variance += y[i] * y[i];
    }
    assertTrue(squares / variance < 0.01, "R2 above 0.99: " + (1 - squares / variance));
  }

  @Test
  void logisticAndSoftmaxRankRowsByTheirLinearScore() {
    Random random = new Random(2);
    int n = 3000;
    float[] x = inputs(n, random);
    float[] binary = new float[n];
    float[] classes = new float[n];
    for (int i = 0; i < n; i++) {
      double score = 1.5 * x[i * WIDTH] + 80 * x[i * WIDTH + 2] + 0.3 * random.nextGaussian();
      binary[i] = score > 0 ? 1 : 0;
      classes[i] = score < -1 ? 0 : score < 1 ? 1 : 2;
    }
    int[] all = IntStream.range(0, n).toArray();
    float[] logOdds = LinearModel.fit(x, WIDTH, all, BoostingLoss.LOGISTIC, 2, binary, 7)
        .predict(x, n);
    LinearModel softmax = LinearModel.fit(x, WIDTH, all, BoostingLoss.SOFTMAX, 3, classes, 7);
    assertEquals(3, softmax.outputs());
    float[] margins = softmax.predict(x, n);
    int right = 0;
    int rightClass = 0;
    for (int i = 0; i < n; i++) {
      right += (logOdds[i] > 0) == (binary[i] == 1) ? 1 : 0;
      int best = 0;
      for (int c = 1; c < 3; c++) {
        best = margins[i * 3 + c] > margins[i * 3 + best] ? c : best;
      }
      rightClass += best == (int) classes[i] ? 1 : 0;
    }
    assertTrue(right > 0.93 * n, "binary accuracy " + right / (double) n);
    assertTrue(rightClass > 0.85 * n, "three-class accuracy " + rightClass / (double) n);
  }

  @Test
  void theSameRowsGiveTheSameBitsSavedOrNot() throws IOException {
    Random random = new Random(3);
    int n = 500;
    float[] x = inputs(n, random);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i * WIDTH] > 0 ? 1 : 0;
    }
    int[] fit = IntStream.range(0, 400).toArray();
    LinearModel a = LinearModel.fit(x, WIDTH, fit, BoostingLoss.LOGISTIC, 2, y, 7);
    LinearModel b = LinearModel.fit(x, WIDTH, fit, BoostingLoss.LOGISTIC, 2, y, 7);
    assertArrayEquals(a.predict(x, n), b.predict(x, n));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.write(new DataOutputStream(bytes));
    LinearModel loaded = LinearModel.read(new DataInputStream(
        new ByteArrayInputStream(bytes.toByteArray())));
    assertArrayEquals(a.predict(x, n), loaded.predict(x, n));
  }

  @Test
  void manyRowsClassesAndInputsAreFittedOnASeededSampleOfTheRows() {
    int[] rows = IntStream.range(0, 200_000).toArray();
    int size = (int) (LinearModel.STEP_BUDGET / (26 * 17));
    int[] a = LinearModel.rowsFitted(rows, 26, 16, 42);
    assertEquals(size, a.length);
    assertArrayEquals(a, LinearModel.rowsFitted(rows, 26, 16, 42), "the same seed, the same rows");
    for (int i = 1; i < a.length; i++) {
      assertTrue(a[i] > a[i - 1], "distinct rows in their order");
    }
    assertTrue(a[a.length - 1] > 150_000, "drawn from all the rows");
    int[] few = IntStream.range(0, size).toArray();
    assertArrayEquals(few, LinearModel.rowsFitted(few, 26, 16, 42), "all rows when they fit");
  }
}
