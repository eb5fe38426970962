package io.rowspace.bench;

import io.rowspace.testsupport.CholeskySolver;

/**
 * Linear regression with an L2 penalty on the weights (not the intercept), solved exactly from
 * the normal equations: minimises {@code sum (y - w.x - b)^2 + l2 * |w|^2}.
 */
final class RidgeRegression {
  private final double[] weights;
  private final double intercept;

  private RidgeRegression(double[] weights, double intercept) {
    this.weights = weights;
    this.intercept = intercept;
  }

  /** Fits the model to rows {@code x} (all of one width) and targets {@code y}. */
  static RidgeRegression fit(double[][] x, double[] y, double l2) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("Need as many targets as rows, and at least one row");
    }
    int d = x[0].length;
    int n = x.length;
    double[] columnMeans = new double[d];
    double targetMean = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        columnMeans[j] += x[i][j] / n;
      }
      targetMean += y[i] / n;
    }
    // Centring both sides takes the intercept out of the system, so it is not penalised.
    double[][] gram = new double[d][d];
    double[] moment = new double[d];
    double[] centred = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[j] = x[i][j] - columnMeans[j];
      }
      double target = y[i] - targetMean;
      for (int j = 0; j < d; j++) {
        double cj = centred[j];
        if (cj == 0) {
          continue;
        }
        moment[j] += cj * target;
        double[] row = gram[j];
        for (int k = 0; k <= j; k++) {
          row[k] += cj * centred[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < j; k++) {
        gram[k][j] = gram[j][k];
      }
      gram[j][j] += l2;
    }
    double[] w = CholeskySolver.solve(gram, moment);
    double b = targetMean;
    for (int j = 0; j < d; j++) {
      b -= w[j] * columnMeans[j];
    }
    return new RidgeRegression(w, b);
  }

  double predict(double[] x) {
    double sum = intercept;
    for (int j = 0; j < weights.length; j++) {
      sum += weights[j] * x[j];
    }
    return sum;
  }
}
