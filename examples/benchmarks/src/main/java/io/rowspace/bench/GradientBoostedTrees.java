package io.rowspace.bench;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The XGBoost baseline (xgboost4j, native library from its jar) with fixed, conventional settings:
 * 300 rounds, learning rate 0.05, depth 6, row and column subsampling 0.8, histogram trees, seed
 * 42, no early stopping. Inputs are {@link TabularEncoding#raw} rows: NaN marks a missing value.
 */
final class GradientBoostedTrees {
  static final int ROUNDS = 300;
  static final double LEARNING_RATE = 0.05;
  static final int MAX_DEPTH = 6;

  private GradientBoostedTrees() {
  }

  /**
   * Predictions for the held-out rows and the seconds spent building the training matrix and
   * training.
   *
   * @param outputs per held-out row: the probability of class 1 (binary), the probability of
   *     each class (multiclass), or the predicted value (regression)
   */
  record Fit(double seconds, float[][] outputs) {
  }

  /**
   * Trains on {@code train} ({@code rows} x {@code width}, row-major) with labels {@code y}
   * (class indices, or values for regression) and predicts {@code heldOut}.
   */
  static Fit trainAndPredict(Task task, int classes, float[] train, int rows, int width,
      float[] y, float[] heldOut, int heldOutRows) throws XGBoostError {
    Map<String, Object> params = new HashMap<>();
    params.put("eta", LEARNING_RATE);
    params.put("max_depth", MAX_DEPTH);
    params.put("subsample", 0.8);
    params.put("colsample_bytree", 0.8);
    params.put("min_child_weight", 1);
    params.put("tree_method", "hist");
    params.put("seed", 42);
    params.put("nthread", Runtime.getRuntime().availableProcessors());
    params.put("verbosity", 0);
    switch (task) {
      case BINARY:
        params.put("objective", "binary:logistic");
        break;
      case MULTICLASS:
        params.put("objective", "multi:softprob");
        params.put("num_class", classes);
        break;
      default:
        params.put("objective", "reg:squarederror");
        break;
    }
    long start = System.nanoTime();
    DMatrix training = new DMatrix(train, rows, width, Float.NaN);
    DMatrix test = null;
    Booster booster = null;
    try {
      training.setLabel(y);
      booster = XGBoost.train(training, params, ROUNDS, new HashMap<>(), null, null);
      double seconds = (System.nanoTime() - start) / 1e9;
      test = new DMatrix(heldOut, heldOutRows, width, Float.NaN);
      return new Fit(seconds, booster.predict(test));
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (test != null) {
        test.dispose();
      }
      training.dispose();
    }
  }
}
