package io.rowspace.engine.predictor.train;

import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.predictor.LinearModel;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.engine.trees.TreeBooster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A blend's linear model fitted by cross-fitting on every training row (fitting and validation
 * rows together): the rows fall into {@link #FOLDS} seeded folds (stratified by class for
 * classification); for each penalty of {@link LinearModel#PENALTIES} a model is fitted on all
 * folds but one and predicts the one left out, and the penalty whose out-of-fold predictions have
 * the lowest mean loss is kept; the kept model is then refitted on all the rows. The blend search
 * mixes the out-of-fold margins of the validation rows into the network's validation outputs, so
 * the linear model is measured on rows it was not fitted on, like the network, while the model
 * saved has seen a quarter more rows than the network's fitting rows.
 *
 * <p>One small validation split chose a single fixed penalty before: on churn and TPC-H-shaped
 * data a logistic regression over the same kind of summaries, fitted on all the training rows
 * with a lighter penalty, ranked held-out rows better than the blend (docs/benchmarks.md).
 *
 * @param model the linear model refitted on every row with the chosen penalty
 * @param penalty the chosen penalty
 * @param outOfFold per row of the data, its margins from the fold model that did not see it
 *     ({@code outputs} a row; NaN for rows outside the training rows)
 * @param foldLoss per penalty tried, the mean loss of its out-of-fold margins
 */
record CrossFittedLinear(LinearModel model, double penalty, float[] outOfFold,
    Map<Double, Double> foldLoss) {
  /** Folds of the rows; each fold model is fitted on four fifths, as the network is. */
  static final int FOLDS = 5;

  /**
   * Cross-fits on {@code rows} of {@code x}.
   *
   * @param x every row's inputs, {@code width} a row
   * @param rows the training rows (fitting and validation), ascending
   * @param target per row of {@code x}: 0/1, the class index or the standardised value
   * @param seed seed of the folds and of the linear model's row samples
   */
  static CrossFittedLinear fit(float[] x, int width, int[] rows, BoostingLoss loss, int classes,
      float[] target, long seed) {
    int k = loss == BoostingLoss.SOFTMAX ? classes : 1;
    int n = target.length;
    int[] fold = folds(rows, target, loss != BoostingLoss.SQUARED, seed);
    Map<Double, Double> foldLoss = new LinkedHashMap<>();
    float[] bestMargins = null;
    double bestPenalty = LinearModel.PENALTIES[0];
    double bestLoss = Double.POSITIVE_INFINITY;
    float[] rowTarget = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      rowTarget[i] = target[rows[i]];
    }
    for (double penalty : LinearModel.PENALTIES) {
      float[] margins = new float[n * k];
      Arrays.fill(margins, Float.NaN);
      for (int f = 0; f < FOLDS; f++) {
        int[][] parts = FoldRows.split(rows, fold, f);
        if (parts[0].length == 0 || parts[1].length == 0) {
          continue;
        }
        LinearModel model = LinearModel.fit(x, width, parts[0], loss, classes, target, seed,
            penalty);
        float[] held = model.predict(FoldRows.gather(x, width, parts[1]), parts[1].length);
        for (int i = 0; i < parts[1].length; i++) {
          System.arraycopy(held, i * k, margins, parts[1][i] * k, k);
        }
      }
      double[] rowMargins = new double[rows.length * k];
      for (int i = 0; i < rows.length; i++) {
        for (int c = 0; c < k; c++) {
          float m = margins[rows[i] * k + c];
          rowMargins[i * k + c] = Float.isNaN(m) ? 0 : m;
        }
      }
      double mean = TreeBooster.meanLoss(loss, rowMargins, rowTarget, k);
      foldLoss.put(penalty, mean);
      if (mean < bestLoss) {
        bestLoss = mean;
        bestPenalty = penalty;
        bestMargins = margins;
      }
    }
    LinearModel model = LinearModel.fit(x, width, rows, loss, classes, target, seed,
        bestPenalty);
    return new CrossFittedLinear(model, bestPenalty, bestMargins, foldLoss);
  }

  /** The out-of-fold margins of some rows, {@code outputs} a row. */
  float[] outOfFold(int[] of, int outputs) {
    float[] out = new float[of.length * outputs];
    for (int i = 0; i < of.length; i++) {
      System.arraycopy(outOfFold, of[i] * outputs, out, i * outputs, outputs);
    }
    return out;
  }

  /**
   * Each training row's fold (other rows -1): each class's rows (one group for regression) in a
   * seeded order, dealt to the folds in turn.
   */
  static int[] folds(int[] rows, float[] target, boolean byClass, long seed) {
    int[] fold = new int[target.length];
    Arrays.fill(fold, -1);
    Map<Float, List<Integer>> groups = new TreeMap<>();
    for (int r : rows) {
      groups.computeIfAbsent(byClass ? target[r] : 0f, g -> new ArrayList<>()).add(r);
    }
    Random random = new Random(seed ^ 0x5DEECE66DL);
    int dealt = 0;
    for (List<Integer> group : groups.values()) {
      int[] order = RowOrder.shuffled(group.size(), random);
      for (int i : order) {
        fold[group.get(i)] = dealt++ % FOLDS;
      }
    }
    return fold;
  }
}
