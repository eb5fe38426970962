package io.rowspace.sql.function;

/**
 * The Rowspace functions that run a model on the current row, as the rewritten query calls them
 * ({@link ModelCallOperator}): the model's name first ({@code PREDICT_PROBA} also the class whose
 * probability is asked), then the names of the input columns the row gives, then their values,
 * each of its own SQL type. The planner evaluates these calls in batches
 * ({@link ModelCallBatches}); where no batch can form they run row by row ({@link ModelCallRows}).
 */
public enum ModelFunction {
  PREDICT_LABEL(CalciteQueries.PREDICT_LABEL, String.class, 1),
  PREDICT_VALUE(CalciteQueries.PREDICT_VALUE, Double.class, 1),
  PREDICT_PROBA(CalciteQueries.PREDICT_PROBA, Double.class, 2),
  PREDICT_DETAILS(CalciteQueries.PREDICT_DETAILS, String.class, 1),
  ANOMALY_SCORE(CalciteQueries.ANOMALY_SCORE, Double.class, 1);

  private final String sqlName;
  private final Class<?> resultClass;
  private final int leadingConstants;

  ModelFunction(String sqlName, Class<?> resultClass, int leadingConstants) {
    this.sqlName = sqlName;
    this.resultClass = resultClass;
    this.leadingConstants = leadingConstants;
  }

  /** The name under which the rewritten query calls it (before folding). */
  String sqlName() {
    return sqlName;
  }

  /** The Java class of its result: {@code String} for text, {@code Double} for numbers. */
  Class<?> resultClass() {
    return resultClass;
  }

  /** How many string constants precede the column names: the model, and the class if any. */
  public int leadingConstants() {
    return leadingConstants;
  }

  /** Whether the function runs a predictor (as opposed to a space). */
  boolean usesPredictor() {
    return this != ANOMALY_SCORE;
  }
}
