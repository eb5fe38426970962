package io.rowspace.engine.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * Boosted trees learn what trees should (thresholds, interactions, a meaning for missing values),
 * stop early, and are reproducible and saveable bit for bit.
 */
class TreeBoosterTest {

  /** Rows 0..n-1: the first 70% fit, the rest validate. */
  private static int[][] split(int n) {
    int cut = n * 7 / 10;
    int[] fit = new int[cut];
    int[] validation = new int[n - cut];
    for (int i = 0; i < n; i++) {
      if (i < cut) {
        fit[i] = i;
      } else {
        validation[i - cut] = i;
      }
    }
    return new int[][] {fit, validation};
  }

  @Test
  void anInteractionOfTwoThresholdsIsLearnedWhereALinearModelCannot() {
    int n = 4000;
    Random random = new Random(3);
    float[] x = new float[n * 3];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float a = (float) random.nextGaussian();
      float b = (float) random.nextGaussian();
      x[i * 3] = a;
      x[i * 3 + 1] = b;
      x[i * 3 + 2] = (float) random.nextGaussian();
      y[i] = (a > 0.3f) != (b < -0.2f) ? 1 : 0;
    }
    int[][] s = split(n);
    TreeBooster.Result result = TreeBooster.train(x, 3, s[0], s[1], BoostingLoss.LOGISTIC, 2, y,
        TreeBooster.Settings.forRows(s[0].length, 7), TreeBooster.Progress.NONE);
    float[] margin = result.trees().predict(x, n);
    int right = 0;
    for (int i : s[1]) {
      right += (margin[i] > 0) == (y[i] == 1) ? 1 : 0;
    }
    double accuracy = right / (double) s[1].length;
    assertTrue(accuracy > 0.97, "held-out accuracy " + accuracy);
    assertTrue(result.validationLoss() < 0.15, "validation log loss " + result.validationLoss());
  }

  @Test
  void missingValuesGoWhereTheyBelong() {
    // The value is missing exactly for the rows whose target is high: the trees send missing
    // values to the high side, which no imputation by a typical value would.
    int n = 3000;
    Random random = new Random(5);
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      boolean high = random.nextDouble() < 0.3;
      x[i] = high ? Float.NaN : (float) random.nextGaussian();
      y[i] = high ? 10 : x[i] > 0 ? 1 : -1;
    }
    int[][] s = split(n);
    BoostedTrees trees = TreeBooster.train(x, 1, s[0], s[1], BoostingLoss.SQUARED, 1, y,
        TreeBooster.Settings.forRows(s[0].length, 1), TreeBooster.Progress.NONE).trees();
    float[] p = trees.predict(new float[] {Float.NaN, 1.5f, -1.5f}, 3);
    assertEquals(10, p[0], 0.2);
    assertEquals(1, p[1], 0.2);
    assertEquals(-1, p[2], 0.2);
  }

  @Test
  void threeClassesBySoftmax() {
    int n = 3000;
    Random random = new Random(9);
    float[] x = new float[n * 2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float a = (float) (random.nextDouble() * 3);
      x[i * 2] = a;
      x[i * 2 + 1] = (float) random.nextGaussian();
      y[i] = (int) a;
    }
    int[][] s = split(n);
    BoostedTrees trees = TreeBooster.train(x, 2, s[0], s[1], BoostingLoss.SOFTMAX, 3, y,
        TreeBooster.Settings.forRows(s[0].length, 1), TreeBooster.Progress.NONE).trees();
    assertEquals(3, trees.outputs());
    float[] m = trees.predict(x, n);
    int right = 0;
    for (int i : s[1]) {
      int best = 0;
      for (int c = 1; c < 3; c++) {
        if (m[i * 3 + c] > m[i * 3 + best]) {
          best = c;
        }
      }
      right += best == (int) y[i] ? 1 : 0;
    }
    assertTrue(right > 0.98 * s[1].length, right + " of " + s[1].length);
  }

  @Test
  void earlyStoppingKeepsTheBestRoundOnNoise() {
    int n = 2000;
    Random random = new Random(2);
    float[] x = new float[n * 4];
    float[] y = new float[n];
    for (int i = 0; i < n * 4; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      y[i] = random.nextBoolean() ? 1 : 0;
    }
    int[][] s = split(n);
    TreeBooster.Settings settings = TreeBooster.Settings.forRows(s[0].length, 4);
    TreeBooster.Result result = TreeBooster.train(x, 4, s[0], s[1], BoostingLoss.LOGISTIC, 2, y,
        settings, TreeBooster.Progress.NONE);
    assertTrue(result.roundsRun() < settings.maxRounds(), "stopped after " + result.roundsRun());
    assertEquals(result.roundsRun() - settings.patience(), result.bestRound());
    assertEquals(result.bestRound(), result.trees().rounds());
    assertTrue(result.validationLoss() < Math.log(2) + 0.01, "" + result.validationLoss());
  }

  @Test
  void sameDataAndSeedGiveTheSameBytesAndSavedTreesPredictTheSame() throws IOException {
    int n = 1500;
    Random random = new Random(8);
    float[] x = new float[n * 5];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        x[i * 5 + j] = random.nextDouble() < 0.1 ? Float.NaN : (float) random.nextGaussian();
      }
      y[i] = (float) (Math.sin(x[i * 5]) + 0.5 * random.nextGaussian());
      if (Float.isNaN(y[i])) {
        y[i] = 0;
      }
    }
    int[][] s = split(n);
    byte[] first = bytes(TreeBooster.train(x, 5, s[0], s[1], BoostingLoss.SQUARED, 1, y,
        TreeBooster.Settings.forRows(s[0].length, 11), TreeBooster.Progress.NONE).trees());
    BoostedTrees again = TreeBooster.train(x, 5, s[0], s[1], BoostingLoss.SQUARED, 1, y,
        TreeBooster.Settings.forRows(s[0].length, 11), TreeBooster.Progress.NONE).trees();
    assertArrayEquals(first, bytes(again));
    BoostedTrees loaded = BoostedTrees.read(new DataInputStream(new ByteArrayInputStream(first)));
    assertArrayEquals(again.predict(x, n), loaded.predict(x, n));
    byte[] otherSeed = bytes(TreeBooster.train(x, 5, s[0], s[1], BoostingLoss.SQUARED, 1, y,
        TreeBooster.Settings.forRows(s[0].length, 12), TreeBooster.Progress.NONE).trees());
    assertTrue(!java.util.Arrays.equals(first, otherSeed), "the seed changes the samples");
  }

  @Test
  void cancellationStopsTraining() {
    float[] x = {0, 1, 2, 3};
    float[] y = {0, 0, 1, 1};
    TreeBooster.Result result = TreeBooster.train(x, 1, new int[] {0, 1, 2, 3}, new int[0],
        BoostingLoss.LOGISTIC, 2, y, TreeBooster.Settings.forRows(4, 1),
        new TreeBooster.Progress() {
          @Override
          public void round(int round, int maxRounds, double validationLoss) {}

          @Override
          public boolean cancelled() {
            return true;
          }
        });
    assertTrue(result.cancelled());
    assertThrows(IllegalArgumentException.class, () -> TreeBooster.train(x, 1, new int[0],
        new int[0], BoostingLoss.SQUARED, 1, y, TreeBooster.Settings.forRows(4, 1),
        TreeBooster.Progress.NONE));
  }

  private static byte[] bytes(BoostedTrees trees) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      trees.write(out);
    }
    return buffer.toByteArray();
  }
}
