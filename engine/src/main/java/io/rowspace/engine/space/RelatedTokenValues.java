package io.rowspace.engine.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.rowspace.engine.nn.BatchPadding;
import io.rowspace.engine.nn.ParameterLayout;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The tokens of a space's related tables for given holder rows, as plain floats: the one place the
 * Java forward pass ({@link io.rowspace.engine.nn.TransformerInference}) reads related tables
 * through. It runs {@link RelatedTokens}' own forward pass (on PyTorch, in a scope of the space's
 * native memory), so whatever that pass computes, the Java pass consumes unchanged; the holder
 * rows are padded like every batch ({@link BatchPadding}), so a row's tokens do not depend on the
 * rows beside it.
 */
final class RelatedTokenValues {
  private final RelatedTokens related;
  private final ParameterLayout layout;
  private final int d;

  RelatedTokenValues(RelatedTokens related, ParameterLayout layout, int d) {
    this.related = related;
    this.layout = layout;
    this.d = d;
  }

  /**
   * The related tokens of the given holder rows, row-major (holders, related tokens, d).
   *
   * @param memory the space's native memory (the caller holds the space's lock)
   * @param parameters the space's flat weight vector in that memory
   */
  float[] tokens(NDManager memory, NDArray parameters, List<RelatedTokens.Encoded> encoded,
      int[] holders) {
    int b = holders.length;
    int padded = BatchPadding.rows(b);
    int[] rows = Arrays.copyOf(holders, padded);
    for (int r = b; r < padded; r++) {
      rows[r] = holders[b - 1];
    }
    try (NDManager scope = memory.newSubManager()) {
      Map<String, NDArray> p = layout.views(parameters, scope);
      float[] all = related.forward(p, scope, encoded, rows, d).tokens().toFloatArray();
      return padded == b ? all : Arrays.copyOf(all, b * related.count() * d);
    }
  }
}
