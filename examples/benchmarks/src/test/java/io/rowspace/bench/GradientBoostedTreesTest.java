package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

class GradientBoostedTreesTest {
  @Test
  void learnsAThresholdWithMissingValuesFromTheNativeLibraryInItsJar() throws XGBoostError {
    int n = 200;
    float[] x = new float[n * 2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = i % 10 == 0 ? Float.NaN : (i * 7919) % 13;
      y[i] = i >= n / 2 ? 1 : 0;
    }
    float[] heldOut = {10, Float.NaN, 190, 3};
    GradientBoostedTrees.Fit fit = GradientBoostedTrees.trainAndPredict(Task.BINARY, 2, x, n, 2,
        y, heldOut, 2);
    assertEquals(2, fit.outputs().length);
    assertTrue(fit.outputs()[0][0] < 0.2, "low side: " + fit.outputs()[0][0]);
    assertTrue(fit.outputs()[1][0] > 0.8, "high side: " + fit.outputs()[1][0]);
  }
}
