package io.rowspace.engine.predictor;

import java.util.Map;

/**
 * The prediction for one row.
 *
 * @param label predicted class (binary: by the predictor's threshold on the positive class's
 *     probability); {@code null} for regression
 * @param value regression: the predicted number; classification: the probability of the
 *     predicted class
 * @param probabilities classification: probability of every class, by canonical label; regression:
 *     empty
 */
public record Prediction(String label, double value, Map<String, Double> probabilities) {}
