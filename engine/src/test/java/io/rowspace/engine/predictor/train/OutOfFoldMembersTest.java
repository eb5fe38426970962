package io.rowspace.engine.predictor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.predictor.HeadNetwork;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.engine.trees.TreeBooster;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The members' out-of-fold outputs that the blend is chosen on: on a target of pure noise, which
 * a model fitted on the rows it predicts memorises, the out-of-fold outputs rank the rows no
 * better than chance while in-sample outputs rank them well, so no row steered the model that
 * predicted it; a signal is still found out of fold; the same seed gives the same bits (trees;
 * the blend as a whole in {@code LinearSignalBlendTest}).
 */
class OutOfFoldMembersTest {
  private static final int WIDTH = 6;
  private static final int ROWS = 400;

  /** Inputs of which the first carries the label's log-odds (times {@code signal}). */
  private static float[][] data(double signal, long seed) {
    return data(signal, WIDTH, seed);
  }

  private static float[][] data(double signal, int width, long seed) {
    Random random = new Random(seed);
    float[] x = new float[ROWS * width];
    float[] y = new float[ROWS];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < width; j++) {
        x[i * width + j] = (float) random.nextGaussian();
      }
      double p = 1 / (1 + Math.exp(-signal * x[i * width]));
      y[i] = random.nextDouble() < p ? 1f : 0f;
    }
    return new float[][] {x, y};
  }

  private static int[] all() {
    return IntStream.range(0, ROWS).toArray();
  }

  /** Deep trees for many rounds: enough to memorise every row they are fitted on. */
  private static TreeBooster.Settings memorising() {
    return TreeBooster.Settings.forRows(ROWS, 7).withMaxDepth(6);
  }

  @Test
  void treesOutOfFoldDoNotSeeTheRowsTheyPredict() {
    float[][] noise = data(0, 1);
    OutOfFoldMembers folds = OutOfFoldMembers.of(all(), noise[1], true, 42);
    float[] outOfFold = folds.trees(noise[0], WIDTH, BoostingLoss.LOGISTIC, 2, noise[1],
        memorising(), 300, TrainingMonitor.NONE);
    TreeBooster.Result inSample = TreeBooster.train(noise[0], WIDTH, all(), new int[0],
        BoostingLoss.LOGISTIC, 2, noise[1], memorising().withMaxRounds(300),
        TreeBooster.Progress.NONE);
    double fitted = auc(inSample.trees().predict(noise[0], ROWS), noise[1]);
    double honest = auc(outOfFold, noise[1]);
    assertTrue(fitted > 0.9, "in-sample AUC on noise " + fitted);
    assertTrue(honest < 0.6, "out-of-fold AUC on noise " + honest);

    float[][] signal = data(2, 2);
    OutOfFoldMembers signalFolds = OutOfFoldMembers.of(all(), signal[1], true, 42);
    double found = auc(signalFolds.trees(signal[0], WIDTH, BoostingLoss.LOGISTIC, 2, signal[1],
        memorising(), 100, TrainingMonitor.NONE), signal[1]);
    assertTrue(found > 0.7, "out-of-fold AUC on a planted signal " + found);
    assertArrayEquals(outOfFold, folds.trees(noise[0], WIDTH, BoostingLoss.LOGISTIC, 2, noise[1],
        memorising(), 300, TrainingMonitor.NONE), "the same seed gives the same margins");
  }

  @Test
  void manyRowsAreScoredOnWholeFoldsThatCoverEnoughRows() {
    int rows = 3_000;
    Random random = new Random(11);
    float[] x = new float[rows * WIDTH];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < WIDTH; j++) {
        x[i * WIDTH + j] = (float) random.nextGaussian();
      }
      y[i] = random.nextBoolean() ? 1f : 0f;
    }
    int[] every = IntStream.range(0, rows).toArray();
    OutOfFoldMembers folds = OutOfFoldMembers.of(every, y, true, 42);
    int[] scored = folds.scoredRows();
    // Folds of 600 rows: four cover the 2,000 rows the choice needs, the fifth is not scored.
    assertEquals(4, folds.scoredFolds());
    assertEquals(2_400, scored.length);
    for (int r : scored) {
      assertTrue(folds.fold()[r] < folds.scoredFolds(), "row " + r + " of an unscored fold");
    }
    float[] outOfFold = folds.trees(x, WIDTH, BoostingLoss.LOGISTIC, 2, y, memorising(), 100,
        TrainingMonitor.NONE);
    assertEquals(scored.length, outOfFold.length);
    float[] label = new float[scored.length];
    for (int i = 0; i < scored.length; i++) {
      label[i] = y[scored[i]];
    }
    double honest = auc(outOfFold, label);
    assertTrue(honest < 0.56, "out-of-fold AUC on noise " + honest);

    OutOfFoldMembers few = OutOfFoldMembers.of(all(), data(0, 1)[1], true, 42);
    assertEquals(CrossFittedLinear.FOLDS, few.scoredFolds());
    assertArrayEquals(all(), few.scoredRows(), "below 2,000 rows every row is scored");
  }

  @Test
  void theNetworkOutOfFoldDoesNotSeeTheRowsItPredicts() {
    // Wide inputs, so that a head can memorise 400 rows of noise in a few epochs.
    int width = 48;
    float[][] noise = data(0, width, 3);
    SpaceFeatures features = new SpaceFeatures(noise[0], ROWS, width, Map.of());
    PredictorHead head = PredictorHead.of(PredictorOptions.Head.MLP, width, 2);
    int[] fit = IntStream.range(0, ROWS).filter(i -> i % 5 != 0).toArray();
    int[] validation = IntStream.range(0, ROWS).filter(i -> i % 5 == 0).toArray();
    TrainingData data = new TrainingData(Task.BINARY, features, noise[1], fit, validation);
    int epochs = 24;
    FrozenHeadFit fitting = new FrozenHeadFit(data, head, epochs,
        new PredictorCheckpoints(TrainingMonitor.NONE, 42), TrainingMonitor.NONE);
    AttemptSetting setting = new AttemptSetting(5.0, new float[] {1f, 1f},
        PredictorOptions.Loss.CROSS_ENTROPY);
    OutOfFoldMembers folds = OutOfFoldMembers.of(all(), noise[1], true, 42);
    float[] outOfFold = folds.network(fitting, head, setting, epochs, features, 42,
        TrainingMonitor.NONE);
    float[] parameters = fitting.stacked().fit(setting, new int[][] {all()}, epochs,
        new Random(5), TrainingMonitor.NONE)[0];
    float[] inSample;
    try (HeadNetwork network = new HeadNetwork(head, parameters)) {
      inSample = network.outputs(features);
    }
    double fitted = auc(positiveMargins(inSample), noise[1]);
    double honest = auc(positiveMargins(outOfFold), noise[1]);
    assertTrue(fitted > honest + 0.15, "in-sample AUC on noise " + fitted + ", out of fold "
        + honest);
    assertTrue(honest < 0.6, "out-of-fold AUC on noise " + honest);
  }

  /** The second class's logit minus the first's, per row. */
  private static float[] positiveMargins(float[] logits) {
    float[] m = new float[logits.length / 2];
    for (int i = 0; i < m.length; i++) {
      m[i] = logits[2 * i + 1] - logits[2 * i];
    }
    return m;
  }

  private static double auc(float[] score, float[] label) {
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < score.length; i++) {
      for (int j = 0; j < score.length; j++) {
        if (label[i] == 1f && label[j] == 0f) {
          pairs++;
          wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
        }
      }
    }
    return wins / pairs;
  }
}
