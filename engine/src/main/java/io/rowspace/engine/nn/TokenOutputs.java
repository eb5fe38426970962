package io.rowspace.engine.nn;

/**
 * Which outputs of the column and related tokens a forward pass makes beside the CLS output and
 * the embedding, and so how much of the last layer it runs.
 */
public enum TokenOutputs {
  /** None: the last layer runs for the CLS query alone (what the row vector's readers need). */
  NONE,
  /**
   * Every token's output of the last layer, after the final normalisation: the whole last layer
   * runs. What predictors saved before format 10 read.
   */
  LAST_LAYER,
  /**
   * Every token as the last layer reads it: the penultimate layer's output normalised by the last
   * layer's first layer norm, from which the CLS query's keys and values are made. The last layer
   * runs for the CLS query alone, so the tokens cost nothing beyond the row vector's pass. What
   * predictors of format 10 on read.
   */
  PENULTIMATE_LAYER;

  /** Whether the pass runs the last layer for every token, not for the CLS query alone. */
  public boolean wholeLastLayer() {
    return this == LAST_LAYER;
  }

  /** Whether the pass returns token outputs at all. */
  public boolean any() {
    return this != NONE;
  }
}
