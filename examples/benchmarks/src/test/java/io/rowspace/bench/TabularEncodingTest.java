package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TabularEncodingTest {
  private static final boolean[] CATEGORICAL = {false, true};
  private static final Object[][] TRAINING = {
      {1.0, "red"}, {3.0, "blue"}, {Double.NaN, null}, {5.0, "red"}};

  @Test
  void standardisesNumericsImputesTheMeanAndOneHotEncodesLevelsIncludingNull() {
    TabularEncoding encoding = TabularEncoding.fit(CATEGORICAL, TRAINING);
    // One number, then the levels in sorted order with NULL first: null, blue, red.
    assertEquals(4, encoding.width());
    double sd = Math.sqrt(8 / 3.0);
    assertArrayEquals(new double[] {-2 / sd, 0, 0, 1},
        encoding.standardised(TRAINING[0]), 1e-12);
    assertArrayEquals(new double[] {0, 1, 0, 0}, encoding.standardised(TRAINING[2]), 1e-12);
  }

  @Test
  void aLevelUnseenInTrainingSetsNoIndicatorAndRawKeepsMissingAsNaN() {
    TabularEncoding encoding = TabularEncoding.fit(CATEGORICAL, TRAINING);
    assertArrayEquals(new double[] {1 / Math.sqrt(8 / 3.0), 0, 0, 0},
        encoding.standardised(new Object[] {4.0, "green"}), 1e-12);
    float[] raw = encoding.raw(new Object[] {Double.NaN, "blue"});
    assertTrue(Float.isNaN(raw[0]));
    assertEquals(1f, raw[2]);
    assertEquals(8, encoding.rawRows(new Object[][] {TRAINING[0], TRAINING[1]}).length);
  }
}
