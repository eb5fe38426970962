package io.rowspace.engine.profile;

/** What the profiler decided a column is, which in turn decides its encoder. */
public enum DetectedType {
  /** Numbers with an order and a scale (also numbers written as text). */
  SCALAR,
  /** A set of labels: strings or small integer codes. */
  CATEGORICAL,
  /** Two values, true and false (also yes/no, t/f, y/n, 1/0 in text columns). */
  BOOLEAN,
  /** Points in time: SQL dates and timestamps, and text holding ISO dates or timestamps. */
  TIMESTAMP,
  /** Email addresses, used through their domain, top-level domain and free-mail flag. */
  EMAIL,
  /** URLs and bare domains, used through their domain, top-level domain, scheme and path. */
  URL,
  /**
   * Free text: many distinct values that are words rather than codes (descriptions, notes,
   * titles), encoded through the bundled sentence model.
   */
  TEXT,
  /** Not used by the model; {@link ColumnProfile#reason()} says why. */
  EXCLUDED
}
