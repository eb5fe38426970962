package io.rowspace.engine.data;

import java.util.Random;

/**
 * A seeded random order of rows (Fisher-Yates, from the last position down), the one shuffle
 * training, fine-tuning and permutation importance draw from, so the same seed gives the same
 * order everywhere and models stay bit-for-bit reproducible.
 */
public final class RowOrder {
  private RowOrder() {}

  /** The numbers 0 to n - 1 in an order drawn from {@code random} (n - 1 draws). */
  public static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
