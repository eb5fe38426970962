package io.rowspace.testsupport;

/** Solves {@code A x = b} for a symmetric positive definite {@code A} by Cholesky factorisation. */
public final class CholeskySolver {
  private CholeskySolver() {
  }

  /**
   * The solution of {@code a x = b}; {@code a} is left unchanged.
   *
   * @throws ArithmeticException if {@code a} is not positive definite
   */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] l = factor(a);
    double[] y = forward(l, b);
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k][i] * x[k];
      }
      x[i] = sum / l[i][i];
    }
    return x;
  }

  /**
   * The lower-triangular {@code l} with {@code l l^T = a}; {@code a} is left unchanged.
   *
   * @throws ArithmeticException if {@code a} is not positive definite
   */
  public static double[][] factor(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        double[] li = l[i];
        double[] lj = l[j];
        for (int k = 0; k < j; k++) {
          sum -= li[k] * lj[k];
        }
        if (i == j) {
          if (sum <= 0) {
            throw new ArithmeticException("Matrix is not positive definite at row " + i);
          }
          li[i] = Math.sqrt(sum);
        } else {
          li[j] = sum / lj[j];
        }
      }
    }
    return l;
  }

  /** The solution {@code y} of {@code l y = b} for a lower-triangular {@code l}. */
  public static double[] forward(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i][k] * y[k];
      }
      y[i] = sum / l[i][i];
    }
    return y;
  }
}
