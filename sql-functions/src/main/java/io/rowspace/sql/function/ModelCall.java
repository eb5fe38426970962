package io.rowspace.sql.function;

import java.util.List;

/**
 * One call of a model function in a planned query, as its batch evaluation needs it: the
 * function, its constant arguments (the session id, the model's name, for
 * {@code PREDICT_PROBA} the class, and the packed input column names) and the field of the
 * input row holding the row's packed values.
 *
 * @param function the function called
 * @param constants the call's arguments before the row's values, in order
 * @param valuesField the position, in the rows the batch reads, of the packed values
 */
public record ModelCall(ModelFunction function, List<String> constants, int valuesField) {

  public ModelCall {
    constants = List.copyOf(constants);
    int expected = function == ModelFunction.PREDICT_PROBA ? 4 : 3;
    if (constants.size() != expected) {
      throw new IllegalArgumentException(function + " takes " + expected
          + " constant arguments before the row's values, not " + constants);
    }
  }

  String session() {
    return constants.get(0);
  }

  String model() {
    return constants.get(1);
  }

  /** The class asked of {@code PREDICT_PROBA}, empty for its default class. */
  String label() {
    return function == ModelFunction.PREDICT_PROBA ? constants.get(2) : "";
  }

  /** The packed names of the input columns the values are given for. */
  String columns() {
    return constants.get(constants.size() - 1);
  }

  @Override public String toString() {
    return function.name() + "('" + model() + "'"
        + (label().isEmpty() ? "" : ", '" + label() + "'") + ", $" + valuesField + ")";
  }
}
