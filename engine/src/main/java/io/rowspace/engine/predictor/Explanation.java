package io.rowspace.engine.predictor;

import java.util.List;
import java.util.Map;

/**
 * Why a predictor predicted what it did for one row.
 *
 * @param prediction the row's prediction, the same as {@link Predictor#predict} gives
 * @param importance per input column, signed: how much the column moves the prediction, measured
 *     as the prediction minus the prediction with that column masked in the space. Positive means
 *     the column pushes toward the predicted class (classification: in probability of that class)
 *     or pushes the value up (regression: in the target's units). Ordered by decreasing absolute
 *     importance.
 * @param warnings findings about the row's inputs a user should see: absent or unreadable input
 *     values, numbers outside the range seen in training, a row far from the training rows in
 *     the space; empty when there is nothing to report
 */
public record Explanation(Prediction prediction, Map<String, Double> importance,
    List<String> warnings) {}
