package io.rowspace.engine.space.train;

import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.space.EmbeddingSpace;

/**
 * The first weights of a space that continues training from an earlier one with more columns
 * (ALTER EMBEDDING SPACE ... ADD COLUMNS): the earlier space's weights where the two shapes
 * share them, fresh weights for what the new columns bring.
 *
 * <p>The new columns come after the earlier ones, so each earlier column keeps its position,
 * its rows of the shared embedding table (the table's first rows), its scalar weights, its
 * position embedding and its sentence gate; the transformer layers, the projection and every
 * other weight whose name and size match are copied whole: for a space over related tables, which
 * keeps its relations, that is every weight of their tokens (their encoders, pooling, gates and
 * positions, {@code relpos} and {@code rel*.}). What only the new columns have (their slots,
 * scalar weights, positions) keeps the fresh initial values it is given.
 */
final class WarmStart {
  /** Weights laid out per column, column first: copied for the earlier columns only. */
  private static final java.util.Set<String> PER_COLUMN =
      java.util.Set.of("scalar.w", "pos", "sentence.gate");

  private WarmStart() {
  }

  /**
   * @param base the earlier space
   * @param layout the layout of the new run's weights (training heads included)
   * @param fresh the new run's initial weights in that layout; not changed
   * @return the initial weights of the continued training
   */
  static float[] weights(EmbeddingSpace base, ParameterLayout layout, float[] fresh) {
    float[] initial = fresh.clone();
    ParameterLayout baseLayout = base.parameterLayout();
    float[] baseWeights = base.weights();
    TabularTransformer.Config baseConfig = base.config();
    for (String name : baseLayout.names()) {
      if (!layout.names().contains(name)) {
        continue;
      }
      long from = baseLayout.offset(name);
      long to = layout.offset(name);
      long baseSize = baseLayout.size(name);
      long size = layout.size(name);
      long copied;
      if (name.equals("embed")) {
        // The earlier columns' slots are the table's first rows.
        copied = (long) baseConfig.vocabulary() * baseConfig.dModel();
      } else if (PER_COLUMN.contains(name)) {
        copied = baseSize; // the earlier columns, first along the column axis
      } else {
        copied = baseSize == size ? size : 0;
      }
      if (copied > size) {
        continue;
      }
      System.arraycopy(baseWeights, (int) from, initial, (int) to, (int) copied);
    }
    return initial;
  }
}
