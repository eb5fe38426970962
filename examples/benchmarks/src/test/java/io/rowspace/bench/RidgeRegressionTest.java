package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {
  @Test
  void recoversALinearFunctionWhenThePenaltyIsNegligible() {
    Random random = new Random(3);
    double[][] x = new double[50][];
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      y[i] = 3 * x[i][0] - 2 * x[i][1] + 10;
    }
    RidgeRegression model = RidgeRegression.fit(x, y, 1e-9);
    assertEquals(3 * 0.5 - 2 * -1.5 + 10, model.predict(new double[] {0.5, -1.5}), 1e-6);
  }

  @Test
  void thePenaltyShrinksWeightsButNotTheIntercept() {
    double[][] x = {{-1}, {1}, {-1}, {1}};
    double[] y = {100, 102, 100, 102};
    RidgeRegression model = RidgeRegression.fit(x, y, 4);
    // Gram 4 + penalty 4 halves the slope of 1; the mean, 101, is kept.
    assertEquals(101.5, model.predict(new double[] {1}), 1e-9);
    assertEquals(101.0, model.predict(new double[] {0}), 1e-9);
  }
}
