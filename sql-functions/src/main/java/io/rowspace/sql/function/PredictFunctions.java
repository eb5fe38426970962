package io.rowspace.sql.function;

import io.rowspace.error.EngineException;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.Explanation;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Task;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.BoundPredictor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code PREDICT}, {@code PREDICT_PROBA} and {@code PREDICT_DETAILS} compute for rows of
 * input values: predictions in one call of the model, the probability asked, the details' JSON.
 * Batched evaluation ({@link ModelCallBatches}) and row-by-row evaluation ({@link ModelCallRows})
 * both come here, and the engine gives a row the same bits alone or in a batch, so the two agree
 * exactly.
 */
public final class PredictFunctions {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Anomaly score above which a prediction is flagged as out of distribution. */
  private static final double OUT_OF_DISTRIBUTION = 3.0;

  private PredictFunctions() {
  }

  /** The predictions of rows of a call's input values, in one call of the model. */
  static List<Prediction> predictions(BoundPredictor bound, ModelCall call,
      List<? extends List<Object>> rows) throws SQLException {
    Frame frame = bound.withRelated(ModelInputValues.frame(bound.inputColumns(), call.columns(),
        call.valueTypes(), rows));
    try {
      return bound.predictor().predict(bound.space(), frame);
    } catch (EngineException e) {
      throw RowspaceErrors.internal("PREDICT with predictor '" + bound.record().name()
          + "' failed: " + e.getMessage(), e);
    }
  }

  /** {@code PREDICT_PROBA}'s value: the probability of a class, or of the default class. */
  static Double probability(BoundPredictor bound, Prediction prediction, String label) {
    String wanted = label.isEmpty() ? defaultLabel(bound, prediction) : label;
    Double probability = prediction.probabilities().get(wanted);
    return probability == null ? 0.0 : probability;
  }

  /**
   * {@code PREDICT_DETAILS} of rows of a call's input values and their predictions:
   * explanations and out-of-distribution distances computed for all rows at once.
   */
  static List<String> details(BoundPredictor bound, ModelCall call,
      List<? extends List<Object>> rows, List<Prediction> predictions) throws SQLException {
    Frame frame = bound.withRelated(ModelInputValues.frame(bound.inputColumns(), call.columns(),
        call.valueTypes(), rows));
    List<Explanation> explanations;
    float[][] vectors;
    try {
      explanations = bound.predictor().explain(bound.space(), frame);
      vectors = bound.space().embed(frame, Set.of());
    } catch (EngineException e) {
      throw RowspaceErrors.internal("PREDICT_DETAILS with predictor '" + bound.record().name()
          + "' failed: " + e.getMessage(), e);
    }
    List<String> details = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      details.add(json(bound, predictions.get(i), explanations.get(i),
          bound.scorer().score(vectors[i])));
    }
    return details;
  }

  private static String json(BoundPredictor bound, Prediction prediction,
      Explanation explanation, double distance) {
    ObjectNode details = JSON.createObjectNode();
    if (bound.predictor().task() == Task.REGRESSION) {
      details.put("prediction", prediction.value());
      if (Double.isFinite(prediction.lower()) && Double.isFinite(prediction.upper())) {
        ArrayNode interval = details.putArray("confidence_interval");
        interval.add(prediction.lower());
        interval.add(prediction.upper());
      }
      if (Double.isFinite(prediction.std())) {
        details.put("std", prediction.std());
      }
    } else {
      details.put("prediction", prediction.label());
      double probability = prediction.probabilities().getOrDefault(prediction.label(), 0.0);
      details.put("probability", probability);
      ObjectNode probabilities = details.putObject("probabilities");
      prediction.probabilities().forEach(probabilities::put);
      details.put("confidence", probability >= 0.8 ? "high" : probability >= 0.6 ? "medium"
          : "low");
      if (bound.predictor().task() == Task.BINARY) {
        details.put("threshold", bound.predictor().threshold());
      }
    }
    ArrayNode warnings = details.putArray("warnings");
    explanation.warnings().forEach(warnings::add);
    if (distance > OUT_OF_DISTRIBUTION) {
      warnings.add(String.format(Locale.ROOT, "the row is %.1f standard deviations farther from "
          + "the training rows than they are from each other: the prediction is extrapolated",
          distance));
    }
    ObjectNode importance = details.putObject("feature_importance");
    explanation.importance().forEach(importance::put);
    ObjectNode metadata = details.putObject("metadata");
    metadata.put("predictor", bound.record().name());
    metadata.put("space", bound.record().space());
    metadata.put("version", bound.record().version());
    metadata.put("space_version", bound.spaceRecord().version());
    metadata.put("trained_at", bound.record().createdAt().toString());
    ObjectNode distribution = metadata.putObject("class_distribution_train");
    bound.predictor().classDistribution().forEach(distribution::put);
    return details.toString();
  }

  private static String defaultLabel(BoundPredictor bound, Prediction prediction) {
    if (bound.predictor().task() == Task.BINARY) {
      return bound.predictor().positiveLabel();
    }
    return prediction.label();
  }
}
