package io.rowspace.engine.space.train;

/**
 * Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations, in plain Java: the
 * embedding covariances it is used for are at most a few hundred wide, and a deterministic result
 * matters more than speed.
 */
final class SymmetricEigenvalues {
  private static final int MAX_SWEEPS = 50;

  private SymmetricEigenvalues() {}

  /** The eigenvalues of {@code matrix}, which must be symmetric; the argument is left unchanged. */
  static double[] of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
      scale += a[i][i] * a[i][i];
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          off += a[i][j] * a[i][j];
        }
      }
      if (off <= 1e-24 * Math.max(scale, 1e-300) || off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta == 0 ? 1 : theta)
              / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    return values;
  }
}
