package io.rowspace.engine.profile;

/** What the profiler decided a column is, which in turn decides its encoder. */
public enum DetectedType {
  /** Numbers (and dates, as days since 1970-01-01) with an order and a scale. */
  SCALAR,
  /** A set of labels: strings or small integer codes. */
  CATEGORICAL,
  /** Two values, true and false (also yes/no, t/f, y/n, 1/0 in text columns). */
  BOOLEAN,
  /** Not used by the model; {@link ColumnProfile#reason()} says why. */
  EXCLUDED
}
