package io.rowspace.engine.trees;

/** What boosted trees minimise; decides gradients, the base score and the validation loss. */
public enum BoostingLoss {
  /** Binary log loss on one log-odds margin; targets are 0 or 1. */
  LOGISTIC,
  /** Multiclass cross-entropy on one margin per class; targets are class indices. */
  SOFTMAX,
  /** Squared error on the value; targets are numbers. */
  SQUARED
}
