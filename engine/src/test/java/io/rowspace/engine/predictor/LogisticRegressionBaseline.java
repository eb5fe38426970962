package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.testsupport.LogisticRegression;
import io.rowspace.testsupport.RocAuc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline predictors are measured against: logistic regression (the test-support module's,
 * L2 penalty 1, the textbook default) on one-hot categoricals (text columns) and standardised,
 * mean-imputed numeric columns learned from the training rows.
 */
final class LogisticRegressionBaseline {
  private LogisticRegressionBaseline() {}

  /** The held-out AUC of the baseline fitted on {@code train}, for {@code target == positive}. */
  static double testAuc(Frame train, Frame test, String target, String positive) {
    int t = train.indexOf(target);
    Encoding encoding = new Encoding(train, t);
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < train.rowCount(); i++) {
      if (train.value(i, t) != null) {
        x.add(encoding.encode(train, i));
        y.add(train.value(i, t).equals(positive) ? 1 : 0);
      }
    }
    LogisticRegression model = LogisticRegression.fit(x.toArray(double[][]::new),
        y.stream().mapToInt(Integer::intValue).toArray(), 2, 1.0);
    List<Double> scores = new ArrayList<>();
    List<Boolean> truth = new ArrayList<>();
    for (int i = 0; i < test.rowCount(); i++) {
      if (test.value(i, t) != null) {
        scores.add(model.probabilities(encoding.encode(test, i))[1]);
        truth.add(test.value(i, t).equals(positive));
      }
    }
    return RocAuc.of(scores, truth);
  }

  /** One-hot and standardisation learned from the training rows. */
  private static final class Encoding {
    private final List<Integer> columns = new ArrayList<>();
    private final Map<Integer, Map<String, Integer>> levels = new HashMap<>();
    private final Map<Integer, double[]> moments = new HashMap<>();
    private int width;

    Encoding(Frame train, int target) {
      for (int c = 0; c < train.columnCount(); c++) {
        if (c == target) {
          continue;
        }
        columns.add(c);
        boolean numeric = true;
        for (Object v : train.column(c)) {
          if (v != null && !(v instanceof Number)) {
            numeric = false;
          }
        }
        if (numeric) {
          double sum = 0;
          double sum2 = 0;
          int n = 0;
          for (Object v : train.column(c)) {
            if (v != null) {
              double x = ((Number) v).doubleValue();
              sum += x;
              sum2 += x * x;
              n++;
            }
          }
          double mean = sum / n;
          double std = Math.sqrt(Math.max(1e-12, sum2 / n - mean * mean));
          moments.put(c, new double[] {mean, std, width});
          width++;
        } else {
          Map<String, Integer> map = new HashMap<>();
          for (Object v : train.column(c)) {
            String key = v == null ? "<missing>" : v.toString();
            if (!map.containsKey(key)) {
              map.put(key, width++);
            }
          }
          levels.put(c, map);
        }
      }
    }

    int width() {
      return width;
    }

    double[] encode(Frame frame, int row) {
      double[] x = new double[width];
      for (int c : columns) {
        Object v = frame.value(row, c);
        if (moments.containsKey(c)) {
          double[] m = moments.get(c);
          x[(int) m[2]] = v == null ? 0 : (((Number) v).doubleValue() - m[0]) / m[1];
        } else {
          Integer slot = levels.get(c).get(v == null ? "<missing>" : v.toString());
          if (slot != null) {
            x[slot] = 1;
          }
        }
      }
      return x;
    }
  }
}
