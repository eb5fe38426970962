package io.rowspace.testsupport;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded random split of row indexes into training and test rows, each in ascending order, so a
 * test and its baseline see exactly the same rows.
 *
 * @param train the training rows
 * @param test the held-out rows
 */
public record TrainTestSplit(int[] train, int[] test) {
  /**
   * Splits {@code 0..n-1}: {@code round(n * testFraction)} rows are held out.
   *
   * @param random the generator; the same seed gives the same split
   */
  public static TrainTestSplit of(int n, double testFraction, Random random) {
    if (testFraction < 0 || testFraction > 1) {
      throw new IllegalArgumentException("The test fraction must be in [0, 1], got "
          + testFraction);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int testRows = (int) Math.round(n * testFraction);
    int[] test = Arrays.copyOfRange(order, 0, testRows);
    int[] train = Arrays.copyOfRange(order, testRows, n);
    Arrays.sort(test);
    Arrays.sort(train);
    return new TrainTestSplit(train, test);
  }
}
