package io.rowspace.sql.function;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The Rowspace functions that run a model on the current row, as the rewritten query calls them:
 * each is a Java method Calcite can call per row, and the planner recognises calls of these
 * methods to evaluate them in batches instead ({@link ModelCallBatches}). Every call passes the
 * session id and the model's name first and the row's packed values last; {@code PREDICT_PROBA}
 * also passes the class whose probability is asked.
 */
public enum ModelFunction {
  PREDICT_LABEL(PredictFunctions.class, "predictLabel"),
  PREDICT_VALUE(PredictFunctions.class, "predictValue"),
  PREDICT_PROBA(PredictFunctions.class, "predictProba"),
  PREDICT_DETAILS(PredictFunctions.class, "predictDetails"),
  ANOMALY_SCORE(AnomalyScoreFunction.class, "anomalyScore");

  private final Method method;

  ModelFunction(Class<?> owner, String name) {
    this.method = methodNamed(owner, name);
  }

  /** The per-row method Calcite calls. */
  public Method method() {
    return method;
  }

  /** Whether the function runs a predictor (as opposed to a space). */
  boolean usesPredictor() {
    return this != ANOMALY_SCORE;
  }

  /** The function a method implements, if it is one of these. */
  public static Optional<ModelFunction> of(Method method) {
    for (ModelFunction function : values()) {
      if (function.method.equals(method)) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }

  static Method methodNamed(Class<?> type, String name) {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name)) {
        return method;
      }
    }
    throw new IllegalStateException(type.getSimpleName() + " has no method " + name);
  }
}
