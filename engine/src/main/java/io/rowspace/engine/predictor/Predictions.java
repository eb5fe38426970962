package io.rowspace.engine.predictor;

import java.util.List;
import java.util.Map;

/**
 * The result of one predict call.
 *
 * @param predictions one per input row, in order
 * @param unparseable per space column, values that could not be read as the column's type and
 *     were treated as missing (columns with none are left out)
 */
public record Predictions(List<Prediction> predictions, Map<String, Long> unparseable) {}
