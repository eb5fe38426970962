package io.rowspace.testsupport;

import java.util.Arrays;

/**
 * Logistic regression with an L2 penalty, fitted by Newton's method with step halving: binary
 * (one weight vector, class 0 as the reference) or multinomial (softmax over one weight vector per
 * class). Minimises {@code sum -log p(y|x) + l2/2 * |w|^2}; the intercepts are not penalised beyond
 * a negligible amount that keeps the Hessian definite. With {@code l2 = 1} this is the textbook
 * default ({@code C = 1}).
 *
 * <p>The Hessian has {@code (classes * (inputs + 1))^2} entries, which suits the few hundred
 * inputs of the shared data sets.
 */
public final class LogisticRegression {
  private static final double INTERCEPT_L2 = 1e-6;
  private static final int MAX_ITERATIONS = 100;

  private final int classes;
  private final int inputs;
  /** One row per free class: its weights, then its intercept. */
  private final double[][] weights;

  private LogisticRegression(int classes, int inputs, double[][] weights) {
    this.classes = classes;
    this.inputs = inputs;
    this.weights = weights;
  }

  /**
   * Fits the model to rows {@code x} with class indices {@code y} in {@code 0..classes-1}.
   *
   * @param l2 the penalty on the weights, at least 0
   */
  public static LogisticRegression fit(double[][] x, int[] y, int classes, double l2) {
    if (classes < 2) {
      throw new IllegalArgumentException("Need at least two classes, got " + classes);
    }
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("Need as many labels as rows, and at least one row");
    }
    int d = x[0].length;
    int free = classes == 2 ? 1 : classes;
    int stride = d + 1;
    int size = free * stride;
    double[] theta = new double[size];
    double loss = loss(x, y, classes, d, theta, l2);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] gradient = new double[size];
      double[][] hessian = new double[size][size];
      double[] p = new double[classes];
      double[] xt = new double[stride];
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(x[i], 0, xt, 0, d);
        xt[d] = 1;
        probabilities(xt, classes, d, theta, p);
        for (int k = 0; k < free; k++) {
          int classK = classes == 2 ? 1 : k;
          double residual = p[classK] - (y[i] == classK ? 1 : 0);
          for (int a = 0; a < stride; a++) {
            gradient[k * stride + a] += residual * xt[a];
          }
          for (int l = 0; l <= k; l++) {
            int classL = classes == 2 ? 1 : l;
            double curvature = p[classK] * ((k == l ? 1 : 0) - p[classL]);
            if (curvature == 0) {
              continue;
            }
            for (int a = 0; a < stride; a++) {
              double ca = curvature * xt[a];
              if (ca == 0) {
                continue;
              }
              double[] row = hessian[k * stride + a];
              int bEnd = k == l ? a : stride - 1;
              for (int b = 0; b <= bEnd; b++) {
                row[l * stride + b] += ca * xt[b];
              }
            }
          }
        }
      }
      for (int r = 0; r < size; r++) {
        double penalty = r % stride == d ? INTERCEPT_L2 : l2;
        gradient[r] += penalty * theta[r];
        hessian[r][r] += penalty;
        for (int c = 0; c < r; c++) {
          hessian[c][r] = hessian[r][c];
        }
      }
      double[] step = CholeskySolver.solve(hessian, gradient);
      double scale = 1;
      double[] candidate = new double[size];
      double candidateLoss;
      do {
        for (int r = 0; r < size; r++) {
          candidate[r] = theta[r] - scale * step[r];
        }
        candidateLoss = loss(x, y, classes, d, candidate, l2);
        scale /= 2;
      } while (candidateLoss > loss && scale > 1e-6);
      double change = 0;
      for (int r = 0; r < size; r++) {
        change = Math.max(change, Math.abs(candidate[r] - theta[r]));
      }
      if (candidateLoss > loss) {
        break;
      }
      theta = candidate.clone();
      double previous = loss;
      loss = candidateLoss;
      if (change < 1e-9 || previous - loss < 1e-10 * Math.max(1, Math.abs(loss))) {
        break;
      }
    }
    double[][] weights = new double[free][];
    for (int k = 0; k < free; k++) {
      weights[k] = Arrays.copyOfRange(theta, k * stride, (k + 1) * stride);
    }
    return new LogisticRegression(classes, d, weights);
  }

  /** The probability of each class for one row. */
  public double[] probabilities(double[] x) {
    if (x.length != inputs) {
      throw new IllegalArgumentException("Expected " + inputs + " inputs, got " + x.length);
    }
    int stride = inputs + 1;
    double[] theta = new double[weights.length * stride];
    for (int k = 0; k < weights.length; k++) {
      System.arraycopy(weights[k], 0, theta, k * stride, stride);
    }
    double[] xt = Arrays.copyOf(x, stride);
    xt[inputs] = 1;
    double[] p = new double[classes];
    probabilities(xt, classes, inputs, theta, p);
    return p;
  }

  private static void probabilities(double[] xt, int classes, int d, double[] theta, double[] p) {
    int stride = d + 1;
    if (classes == 2) {
      double z = 0;
      for (int a = 0; a < stride; a++) {
        z += theta[a] * xt[a];
      }
      p[1] = 1 / (1 + Math.exp(-z));
      p[0] = 1 - p[1];
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      double z = 0;
      for (int a = 0; a < stride; a++) {
        z += theta[k * stride + a] * xt[a];
      }
      p[k] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      p[k] = Math.exp(p[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < classes; k++) {
      p[k] /= sum;
    }
  }

  private static double loss(double[][] x, int[] y, int classes, int d, double[] theta,
      double l2) {
    int stride = d + 1;
    double[] xt = new double[stride];
    double[] p = new double[classes];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, xt, 0, d);
      xt[d] = 1;
      probabilities(xt, classes, d, theta, p);
      sum -= Math.log(Math.max(p[y[i]], 1e-300));
    }
    for (int r = 0; r < theta.length; r++) {
      double penalty = r % stride == d ? INTERCEPT_L2 : l2;
      sum += 0.5 * penalty * theta[r] * theta[r];
    }
    return sum;
  }
}
