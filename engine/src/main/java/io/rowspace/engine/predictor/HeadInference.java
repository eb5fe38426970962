package io.rowspace.engine.predictor;

/**
 * A predictor head's forward pass at inference in plain Java ({@link
 * io.rowspace.engine.nn.FloatKernels}), its weights prepared once when the predictor is loaded:
 * the same function as {@link PredictorHead#forward} without dropout, to float rounding, and the
 * same bits for a row alone or in any batch.
 */
interface HeadInference {
  /**
   * Outputs (logits, or standardised values), row-major {@code rows x outputs}.
   *
   * @param x standardised features, row-major {@code rows x inputs}
   */
  float[] forward(float[] x, int rows);
}
