package io.rowspace.engine.predictor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.predictor.HeadNetwork;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.space.TrainingMonitor;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Heads fitted side by side: each learns from its own rows only (a head's weights do not change
 * when the rows of the head beside it do), each finds a planted signal on rows it did not see
 * (at least half the lift over chance of the planted log-odds themselves), for every head kind,
 * and the same seed gives the same bits.
 */
class StackedHeadFitTest {
  private static final int ROWS = 600;
  private static final int WIDTH = 12;

  /** Standard normal inputs; the label's log-odds are twice the first input. */
  private static TrainingData data() {
    Random random = new Random(3);
    float[] x = new float[ROWS * WIDTH];
    float[] y = new float[ROWS];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < WIDTH; j++) {
        x[i * WIDTH + j] = (float) random.nextGaussian();
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * x[i * WIDTH])) ? 1f : 0f;
    }
    return new TrainingData(Task.BINARY, new SpaceFeatures(x, ROWS, WIDTH, Map.of()), y,
        new int[0], new int[0]);
  }

  private static int[] rows(int from, int to) {
    return IntStream.range(from, to).toArray();
  }

  private static float[][] fit(PredictorHead head, int[][] rows, long seed) {
    AttemptSetting setting = new AttemptSetting(1.0, new float[] {1f, 1f},
        PredictorOptions.Loss.CROSS_ENTROPY);
    return new StackedHeadFit(data(), head, 60).fit(setting, rows, 60, new Random(seed),
        TrainingMonitor.NONE);
  }

  @Test
  void aHeadLearnsFromItsOwnRowsOnly() {
    PredictorHead head = PredictorHead.of(PredictorOptions.Head.MLP, WIDTH, 2);
    float[] besideB = fit(head, new int[][] {rows(0, 300), rows(300, 450)}, 7)[0];
    float[] besideC = fit(head, new int[][] {rows(0, 300), rows(450, 600)}, 7)[0];
    float largest = 0;
    for (int i = 0; i < besideB.length; i++) {
      largest = Math.max(largest, Math.abs(besideB[i] - besideC[i]));
    }
    assertTrue(largest < 1e-5, "the first head moved by " + largest
        + " when the second head's rows changed");
    assertArrayEquals(besideB, fit(head, new int[][] {rows(0, 300), rows(300, 450)}, 7)[0],
        "the same seed gives the same weights");
  }

  @Test
  void everyHeadKindFindsASignalOnRowsItDidNotSee() {
    TrainingData data = data();
    for (PredictorOptions.Head kind : PredictorOptions.Head.values()) {
      PredictorHead head = PredictorHead.of(kind, WIDTH, 2);
      int[][] held = {rows(0, 200), rows(200, 400), rows(400, 600)};
      int[][] others = {rows(200, 600), IntStream.concat(IntStream.range(0, 200),
          IntStream.range(400, 600)).toArray(), rows(0, 400)};
      float[][] fitted = fit(head, others, 11);
      for (int m = 0; m < fitted.length; m++) {
        try (HeadNetwork network = new HeadNetwork(head, fitted[m])) {
          float[] logits = network.outputs(data.features().select(held[m]));
          float[] label = data.targets(held[m]);
          double auc = auc(logits, label);
          float[] planted = new float[2 * label.length];
          for (int i = 0; i < label.length; i++) {
            planted[2 * i + 1] = data.features().values()[held[m][i] * WIDTH];
          }
          double oracle = auc(planted, label);
          assertTrue(auc > 0.5 + (oracle - 0.5) / 2, kind + " head " + m + ": AUC " + auc
              + " on rows it did not see, less than half the planted log-odds' lift over chance"
              + " (their AUC " + oracle + ")");
        }
      }
    }
  }

  /** AUC of the second class's logit minus the first's. */
  private static double auc(float[] logits, float[] label) {
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < label.length; i++) {
      for (int j = 0; j < label.length; j++) {
        if (label[i] == 1f && label[j] == 0f) {
          double a = logits[2 * i + 1] - logits[2 * i];
          double b = logits[2 * j + 1] - logits[2 * j];
          pairs++;
          wins += a > b ? 1 : a == b ? 0.5 : 0;
        }
      }
    }
    return wins / pairs;
  }
}
