package io.rowspace.engine.predictor;

/** What a predictor predicts. */
public enum Task {
  /** One of two classes, with a decision threshold on the positive class's probability. */
  BINARY,
  /** One of several classes. */
  MULTICLASS,
  /** A number. */
  REGRESSION
}
