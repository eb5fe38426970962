package io.rowspace.bench;

import java.util.Locale;

/** The kind of target a data set has, and the held-out metric each kind is judged by. */
enum Task {
  /** Two classes, judged by the area under the ROC curve of the minority class. */
  BINARY("AUC", true),
  /** More than two classes, judged by accuracy. */
  MULTICLASS("accuracy", true),
  /** A number, judged by the root mean squared error. */
  REGRESSION("RMSE", false);

  private final String metric;
  private final boolean higherIsBetter;

  Task(String metric, boolean higherIsBetter) {
    this.metric = metric;
    this.higherIsBetter = higherIsBetter;
  }

  /** The task named in a data set's {@code dataset.json} ({@code binary}, ...). */
  static Task named(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown task '" + name
          + "' in dataset.json; expected binary, multiclass or regression.", e);
    }
  }

  String metric() {
    return metric;
  }

  boolean higherIsBetter() {
    return higherIsBetter;
  }

  boolean isClassification() {
    return this != REGRESSION;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
