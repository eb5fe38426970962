package io.rowspace.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The AUC from ranks equals the share of positive-over-negative pairs, ties counting half. */
class RocAucTest {
  @Test
  void perfectReversedAndTiedScores() {
    boolean[] labels = {false, false, true, true};
    assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels));
    assertEquals(0.0, RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels));
    assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, labels));
    assertEquals(0.875, RocAuc.of(List.of(0.1, 0.5, 0.5, 0.9), List.of(false, false, true, true)));
  }

  @Test
  void matchesCountingPairsOnRandomScoresWithTies() {
    Random random = new Random(3);
    for (int round = 0; round < 20; round++) {
      int n = 2 + random.nextInt(300);
      double[] scores = new double[n];
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(20) / 4.0;
        positive[i] = random.nextDouble() < 0.3;
      }
      positive[0] = true;
      positive[1] = false;
      assertEquals(pairs(scores, positive), RocAuc.of(scores, positive), 1e-12, "round " + round);
    }
  }

  @Test
  void oneClassAloneHasNoAuc() {
    assertThrows(IllegalArgumentException.class,
        () -> RocAuc.of(new double[] {0.1, 0.2}, new boolean[] {true, true}));
  }

  private static double pairs(double[] scores, boolean[] positive) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < scores.length; i++) {
      for (int j = 0; j < scores.length; j++) {
        if (positive[i] && !positive[j]) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    return wins / pairs;
  }
}
