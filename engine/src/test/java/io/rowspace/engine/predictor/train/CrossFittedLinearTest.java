package io.rowspace.engine.predictor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.predictor.LinearModel;
import io.rowspace.engine.trees.BoostingLoss;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The blend's cross-fitted linear model: every training row gets a margin from a fold model
 * that did not see it, the penalty with the lowest out-of-fold loss is chosen (light on many rows
 * of a planted logistic signal, heavy on few rows of noise), the folds are stratified, and the
 * same seed gives the same bits.
 */
class CrossFittedLinearTest {
  private static final int WIDTH = 20;

  /** Logistic target from the first four of {@code WIDTH} correlated inputs, or pure noise. */
  private static float[][] data(int n, boolean signal, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * WIDTH];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double shared = random.nextGaussian();
      double score = 0;
      for (int j = 0; j < WIDTH; j++) {
        double v = 0.6 * shared + 0.8 * random.nextGaussian();
        x[i * WIDTH + j] = (float) (v * (j + 1));
        if (j < 4) {
          score += (j % 2 == 0 ? 1.2 : -0.9) * v;
        }
      }
      double p = signal ? 1 / (1 + Math.exp(-score)) : 0.5;
      y[i] = random.nextDouble() < p ? 1f : 0f;
    }
    return new float[][] {x, y};
  }

  @Test
  void aPlantedSignalOnManyRowsTakesALightPenaltyAndRanksHeldOutRows() {
    float[][] d = data(2000, true, 3);
    int[] rows = IntStream.range(0, 2000).toArray();
    CrossFittedLinear fitted = CrossFittedLinear.fit(d[0], WIDTH, rows, BoostingLoss.LOGISTIC, 2,
        d[1], 11);
    assertTrue(fitted.penalty() <= 1e-2, fitted.foldLoss().toString());
    for (int r : rows) {
      assertTrue(!Float.isNaN(fitted.outOfFold()[r]), "every row has an out-of-fold margin");
    }
    float[][] test = data(4000, true, 4);
    float[] margins = fitted.model().predict(test[0], 4000);
    assertTrue(auc(margins, test[1]) > 0.8, "held-out AUC " + auc(margins, test[1]));
    // Out-of-fold margins rank the training rows about as well as the model ranks new rows,
    // not better, as in-sample margins would.
    double outOfFold = auc(fitted.outOfFold(), d[1]);
    assertTrue(Math.abs(outOfFold - auc(margins, test[1])) < 0.03, outOfFold + "");
  }

  @Test
  void fewRowsOfNoiseTakeTheHeaviestPenalty() {
    float[][] d = data(120, false, 5);
    int[] rows = IntStream.range(0, 120).toArray();
    CrossFittedLinear fitted = CrossFittedLinear.fit(d[0], WIDTH, rows, BoostingLoss.LOGISTIC, 2,
        d[1], 11);
    double[] penalties = LinearModel.PENALTIES;
    assertEquals(penalties[penalties.length - 1], fitted.penalty(), fitted.foldLoss().toString());
  }

  @Test
  void foldsAreStratifiedAndTheSameSeedGivesTheSameBits() {
    float[][] d = data(503, true, 6);
    int[] rows = IntStream.range(0, 503).filter(i -> i % 10 != 0).toArray();
    int[] fold = CrossFittedLinear.folds(rows, d[1], true, 9);
    int[][] perClass = new int[2][CrossFittedLinear.FOLDS];
    for (int i = 0; i < 503; i++) {
      if (i % 10 == 0) {
        assertEquals(-1, fold[i], "rows outside the training rows have no fold");
      } else {
        perClass[(int) d[1][i]][fold[i]]++;
      }
    }
    for (int[] counts : perClass) {
      int min = IntStream.of(counts).min().orElseThrow();
      int max = IntStream.of(counts).max().orElseThrow();
      assertTrue(max - min <= 1, "each class spread evenly: " + Arrays.toString(counts));
    }
    CrossFittedLinear a = CrossFittedLinear.fit(d[0], WIDTH, rows, BoostingLoss.LOGISTIC, 2,
        d[1], 9);
    CrossFittedLinear b = CrossFittedLinear.fit(d[0], WIDTH, rows, BoostingLoss.LOGISTIC, 2,
        d[1], 9);
    assertArrayEquals(a.outOfFold(), b.outOfFold());
    assertArrayEquals(a.model().predict(d[0], 503), b.model().predict(d[0], 503));
  }

  /** Area under the ROC curve of scores for 0/1 labels (ties count a half). */
  private static double auc(float[] score, float[] label) {
    Integer[] order = IntStream.range(0, label.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (p, q) -> Float.compare(score[p], score[q]));
    double positives = 0;
    double rankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && score[order[j]] == score[order[i]]) {
        j++;
      }
      double rank = (i + j + 1) / 2.0;
      for (int t = i; t < j; t++) {
        if (label[order[t]] == 1f) {
          positives++;
          rankSum += rank;
        }
      }
      i = j;
    }
    double negatives = label.length - positives;
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
  }
}
