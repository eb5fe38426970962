package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The baseline predictors are measured against: logistic regression on one-hot categoricals
 * (text columns) and standardised, mean-imputed numeric columns, fitted by full-batch gradient
 * descent with a little L2.
 */
final class LogisticRegressionBaseline {
  private LogisticRegressionBaseline() {}

  static int[][] split(int n, double testFraction, Random random) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    int testRows = (int) Math.round(n * testFraction);
    int[] test = order.subList(0, testRows).stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] train = order.subList(testRows, n).stream().mapToInt(Integer::intValue).sorted()
        .toArray();
    return new int[][] {train, test};
  }

  static double testAuc(Frame train, Frame test, String target, String positive) {
    int t = train.indexOf(target);
    List<double[]> encodedTrain = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    Encoding encoding = new Encoding(train, t);
    for (int i = 0; i < train.rowCount(); i++) {
      if (train.value(i, t) != null) {
        encodedTrain.add(encoding.encode(train, i));
        y.add(train.value(i, t).equals(positive) ? 1 : 0);
      }
    }
    int d = encoding.width();
    double[] w = new double[d + 1];
    int n = encodedTrain.size();
    for (int iter = 0; iter < 3000; iter++) {
      double[] grad = new double[d + 1];
      for (int i = 0; i < n; i++) {
        double[] x = encodedTrain.get(i);
        double err = sigmoid(dot(w, x)) - y.get(i);
        for (int j = 0; j < d; j++) {
          grad[j] += err * x[j];
        }
        grad[d] += err;
      }
      for (int j = 0; j <= d; j++) {
        w[j] -= 0.5 * (grad[j] / n + (j < d ? 1e-4 * w[j] : 0));
      }
    }
    List<Double> scores = new ArrayList<>();
    List<Boolean> truth = new ArrayList<>();
    for (int i = 0; i < test.rowCount(); i++) {
      if (test.value(i, t) != null) {
        scores.add(sigmoid(dot(w, encoding.encode(test, i))));
        truth.add(test.value(i, t).equals(positive));
      }
    }
    return auc(scores, truth);
  }

  static double auc(List<Double> scores, List<Boolean> truth) {
    double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] p = new boolean[truth.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = truth.get(i);
    }
    return Metrics.auc(s, p);
  }

  private static double dot(double[] w, double[] x) {
    double s = w[x.length];
    for (int j = 0; j < x.length; j++) {
      s += w[j] * x[j];
    }
    return s;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
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
