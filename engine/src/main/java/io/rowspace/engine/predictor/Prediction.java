package io.rowspace.engine.predictor;

import java.util.Map;

/**
 * The prediction for one row.
 *
 * @param label predicted class (binary: by the predictor's threshold on the positive class's
 *     probability); {@code null} for regression
 * @param value regression: the predicted number; classification: the probability of the
 *     predicted class
 * @param probabilities classification: calibrated probability of every class, by canonical label;
 *     regression: empty
 * @param lower regression: lower end of the 90% prediction interval; NaN for classification (and
 *     for predictors saved before intervals existed)
 * @param upper regression: upper end of the 90% prediction interval; NaN otherwise
 * @param std regression: the estimated standard deviation of the error of {@code value} for this
 *     row; NaN otherwise
 */
public record Prediction(String label, double value, Map<String, Double> probabilities,
    double lower, double upper, double std) {

  /** A prediction without an interval (classification). */
  public Prediction(String label, double value, Map<String, Double> probabilities) {
    this(label, value, probabilities, Double.NaN, Double.NaN, Double.NaN);
  }
}
