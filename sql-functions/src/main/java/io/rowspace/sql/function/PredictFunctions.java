package io.rowspace.sql.function;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.Explanation;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Task;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bodies of {@code PREDICT}, {@code PREDICT_PROBA} and {@code PREDICT_DETAILS} as Calcite
 * calls them after query rewriting: the session id, the predictor name, the packed names of the
 * input columns present in the query and the packed values of the current row.
 *
 * <p>Queries over rows evaluate these calls in batches ({@link ModelCallBatches}, placed by the
 * planner); Calcite calls the per-row methods here only where no batch can form, such as a
 * join condition over both of its sides. Both go through the batch methods, and the engine gives
 * a row the same bits alone or in a batch, so the two agree exactly; both check once per execution
 * that the predictor is still the current one. A row's prediction is also remembered per thread,
 * so a per-row query that asks for the label and the probability predicts once.
 */
public final class PredictFunctions {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Anomaly score above which a prediction is flagged as out of distribution. */
  private static final double OUT_OF_DISTRIBUTION = 3.0;

  private record Memo(BoundPredictor predictor, String columns, String values,
      Prediction prediction) {
  }

  private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

  private PredictFunctions() {
  }

  /** {@code PREDICT} of a classification predictor: the predicted label, as text. */
  public static String predictLabel(String session, String predictor, String columns,
      String values) {
    return predict(session, predictor, columns, values).prediction().label();
  }

  /** {@code PREDICT} of a regression predictor: the predicted number. */
  public static Double predictValue(String session, String predictor, String columns,
      String values) {
    return predict(session, predictor, columns, values).prediction().value();
  }

  /** {@code PREDICT_PROBA}: the probability of {@code label}, or of the default label if empty. */
  public static Double predictProba(String session, String predictor, String label,
      String columns, String values) {
    Memo memo = predict(session, predictor, columns, values);
    return probability(memo.predictor(), memo.prediction(), label);
  }

  /** {@code PREDICT_DETAILS}: the prediction explained, as a JSON object (SPEC section 4). */
  public static String predictDetails(String session, String predictor, String columns,
      String values) {
    Memo memo = predict(session, predictor, columns, values);
    try {
      return details(memo.predictor(), columns, List.of(values), List.of(memo.prediction()))
          .get(0);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  /** The predictions of rows given by packed values, in one call of the model. */
  static List<Prediction> predictions(BoundPredictor bound, String columns, List<String> rows)
      throws SQLException {
    Frame frame = bound.withRelated(PackedRow.frame(bound.inputColumns(), columns, rows));
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
   * {@code PREDICT_DETAILS} of rows given by packed values and their predictions: explanations
   * and out-of-distribution distances computed for all rows at once.
   */
  static List<String> details(BoundPredictor bound, String columns, List<String> rows,
      List<Prediction> predictions) throws SQLException {
    Frame frame = bound.withRelated(PackedRow.frame(bound.inputColumns(), columns, rows));
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

  private static Memo predict(String sessionId, String predictorName, String columns,
      String values) {
    try {
      BoundPredictor bound = RowspaceSession.byId(sessionId)
          .predictorOfExecution(predictorName);
      Memo last = LAST.get();
      if (last != null && last.predictor() == bound && last.columns().equals(columns)
          && last.values().equals(values)) {
        return last;
      }
      Prediction prediction = predictions(bound, columns, List.of(values)).get(0);
      Memo memo = new Memo(bound, columns, values, prediction);
      LAST.set(memo);
      return memo;
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }
}
