package io.rowspace.engine.predictor.train;

import io.rowspace.error.ErrorCode;
import io.rowspace.engine.predictor.HeadNetwork;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.engine.trees.BoostedTrees;
import io.rowspace.engine.trees.TreeBooster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The blend's members' outputs on the training rows of the first {@link #scoredFolds()} folds
 * (fitting and validation rows together; every fold up to 2,500 training rows), each from a fold
 * model that did not see that row, so that the rows the blend is chosen on steered neither a
 * member's weights nor its early stopping: the rows fall into the folds of
 * {@link CrossFittedLinear#folds} (the linear model's own); per scored fold, a head is fitted on
 * the other folds for the epochs the network kept ({@link StackedHeadFit}), and trees are
 * boosted on the other folds for the rounds the early-stopped trees kept, both without looking at
 * the fold they then predict.
 *
 * <p>Why: the network and the trees are early-stopped on the validation rows, so their loss
 * there is optimistic next to a model that was not, and a blend chosen on those rows favoured
 * them; those rows are also a fifth of the training rows, and a choice on every row is less noisy
 * (docs/benchmarks.md, sessions 9 and 10). The kept members are the ones trained as before; the
 * fold models only measure them.
 *
 * <p>Only as many folds are scored as reach {@link #ROWS_SCORED} rows: the choice's noise is set
 * by the rows it is measured on, not by the rows a fold model learns from (each is still fitted on
 * four fifths of every training row), so on 3,750 training rows three fold models of each member
 * choose as well as five, at three fifths of the cost (docs/benchmarks.md, session 11).
 *
 * @param rows the training rows, ascending
 * @param fold per row of the data, its fold (-1 outside {@code rows})
 * @param scoredFolds the folds whose rows are scored: folds {@code 0 .. scoredFolds - 1}
 */
record OutOfFoldMembers(int[] rows, int[] fold, int scoredFolds) {
  /**
   * Training rows above which the validation rows (then at least a fifth of this many) choose the
   * blend instead: ten tree fits and five head fits would cost minutes there, and one early
   * stopping step chosen on thousands of rows is a small optimism.
   */
  static final int MAX_ROWS = 20_000;
  /**
   * Rows the choice is measured on at least: whole folds are scored until this many are covered,
   * all of them below this many rows. About two and a half times the validation rows main's
   * choice had on the single-table sets, so the paired standard error is about two thirds of it.
   */
  static final int ROWS_SCORED = 2_000;

  /** The folds of these rows for a target (stratified by class unless {@code byValue}). */
  static OutOfFoldMembers of(int[] rows, float[] target, boolean byClass, long seed) {
    int[] fold = CrossFittedLinear.folds(rows, target, byClass, seed);
    int[] size = new int[CrossFittedLinear.FOLDS];
    for (int r : rows) {
      size[fold[r]]++;
    }
    int scored = 0;
    int covered = 0;
    while (scored < CrossFittedLinear.FOLDS && covered < ROWS_SCORED) {
      covered += size[scored++];
    }
    return new OutOfFoldMembers(rows, fold, scored);
  }

  /** The rows scored out of fold, ascending: the order of every member's outputs here. */
  int[] scoredRows() {
    return Arrays.stream(rows).filter(r -> fold[r] < scoredFolds).toArray();
  }

  /**
   * The network's outputs, {@code k} a row in the order of {@link #scoredRows()}: per scored
   * fold, a head of the same shape, attempt setting and epoch count fitted on the other folds,
   * the scored folds' heads fitted side by side ({@link StackedHeadFit}).
   *
   * @param fitting the fit whose schedule the fold heads follow, over {@code features}
   * @param epochs the epochs the kept network trained before its best (at least 1)
   */
  float[] network(FrozenHeadFit fitting, PredictorHead head, AttemptSetting setting, int epochs,
      SpaceFeatures features, long seed, TrainingMonitor monitor) {
    int k = head.outputs();
    int[] scored = scoredRows();
    float[] out = new float[scored.length * k];
    Random random = new Random(seed ^ 0x0F0F_5EEDL);
    List<int[][]> folds = new ArrayList<>();
    for (int f = 0; f < scoredFolds; f++) {
      int[][] parts = FoldRows.split(rows, fold, f);
      if (parts[0].length > 0 && parts[1].length > 0) {
        folds.add(parts);
      }
    }
    int[][] others = new int[folds.size()][];
    for (int i = 0; i < others.length; i++) {
      others[i] = folds.get(i)[0];
    }
    float[][] fitted = fitting.stacked().fit(setting, others, Math.max(1, epochs), random,
        monitor);
    for (int i = 0; i < others.length; i++) {
      int[][] parts = folds.get(i);
      try (HeadNetwork network = new HeadNetwork(head, fitted[i])) {
        place(out, scored, network.outputs(features.select(parts[1])), parts, k);
      }
    }
    return out;
  }

  /**
   * The trees' margins, {@code outputs} a row in the order of {@link #scoredRows()}: per scored
   * fold, trees boosted on the other folds for {@code rounds} rounds with {@code settings}.
   */
  float[] trees(float[] x, int width, BoostingLoss loss, int classes, float[] target,
      TreeBooster.Settings settings, int rounds, TrainingMonitor monitor) {
    int k = loss == BoostingLoss.SOFTMAX ? classes : 1;
    int[] scored = scoredRows();
    float[] out = new float[scored.length * k];
    TreeBooster.Settings fixed = settings.withMaxRounds(rounds);
    TreeBooster.Progress cancel = new TreeBooster.Progress() {
      @Override
      public void round(int round, int maxRounds, double validationLoss) {}

      @Override
      public boolean cancelled() {
        return monitor.isCancelled();
      }
    };
    for (int f = 0; f < scoredFolds; f++) {
      int[][] parts = FoldRows.split(rows, fold, f);
      if (parts[0].length == 0 || parts[1].length == 0) {
        continue;
      }
      TreeBooster.Result boosted = TreeBooster.train(x, width, parts[0], new int[0], loss,
          classes, target, fixed, cancel);
      if (boosted.cancelled()) {
        throw ErrorCode.PREDICTOR_TRAINING_CANCELLED.failure();
      }
      BoostedTrees trees = boosted.trees();
      place(out, scored, trees.predict(FoldRows.gather(x, width, parts[1]), parts[1].length), parts, k);
    }
    return out;
  }

  /**
   * Writes a fold's outputs ({@code k} a row, in the fold's row order) to their rows' places in
   * {@code scored}'s order.
   */
  private static void place(float[] out, int[] scored, float[] held, int[][] parts, int k) {
    int at = 0;
    for (int i = 0; i < scored.length; i++) {
      if (at < parts[1].length && scored[i] == parts[1][at]) {
        System.arraycopy(held, at * k, out, i * k, k);
        at++;
      }
    }
  }
}
