package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void areaUnderCurveCountsCorrectlyOrderedPairsWithTiesAsHalf() {
    boolean[] positive = {false, false, true, true};
    assertEquals(1.0, Metrics.areaUnderCurve(new double[] {0.1, 0.2, 0.8, 0.9}, positive));
    assertEquals(0.0, Metrics.areaUnderCurve(new double[] {0.9, 0.8, 0.2, 0.1}, positive));
    assertEquals(0.5, Metrics.areaUnderCurve(new double[] {0.5, 0.5, 0.5, 0.5}, positive));
    // Pairs (negative, positive): (0.1,0.35) (0.1,0.8) (0.4,0.8) right, (0.4,0.35) wrong.
    assertEquals(0.75, Metrics.areaUnderCurve(new double[] {0.1, 0.4, 0.35, 0.8}, positive));
    assertTrue(Double.isNaN(Metrics.areaUnderCurve(new double[] {0.1, 0.2},
        new boolean[] {true, true})));
  }

  @Test
  void expectedCalibrationErrorIsTheWeightedGapPerBin() {
    double[] p = {0.05, 0.05, 0.95, 0.95};
    assertEquals(0.05, Metrics.expectedCalibrationError(p, new boolean[] {false, false, true, true},
        10), 1e-12);
    // Always 0.9 while the event happens half the time: off by 0.4.
    double[] confident = {0.9, 0.9, 0.9, 0.9};
    assertEquals(0.4, Metrics.expectedCalibrationError(confident,
        new boolean[] {true, false, true, false}, 10), 1e-12);
    // Two bins, each perfectly calibrated.
    double[] calibrated = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
    boolean[] happened = {true, false, false, false, true, true, true, false};
    assertEquals(0.0, Metrics.expectedCalibrationError(calibrated, happened, 10), 1e-12);
    // A probability of exactly 1 falls in the last bin.
    assertEquals(0.0, Metrics.expectedCalibrationError(new double[] {1.0}, new boolean[] {true},
        10), 1e-12);
  }

  @Test
  void rootMeanSquaredErrorAndAccuracy() {
    assertEquals(Math.sqrt((1 + 4 + 0) / 3.0),
        Metrics.rootMeanSquaredError(new double[] {1, 2, 3}, new double[] {2, 4, 3}), 1e-12);
    assertEquals(2 / 3.0, Metrics.accuracy(new String[] {"a", "b", "c"},
        new String[] {"a", "b", "b"}), 1e-12);
  }
}
