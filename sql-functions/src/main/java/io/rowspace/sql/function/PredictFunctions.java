package io.rowspace.sql.function;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.predictor.Explanation;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Task;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
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
 * <p>Most rows find their prediction computed already, in a batch, by the query's
 * {@link Prefetch}; the others are predicted one at a time. A row's prediction is also remembered
 * per thread, so a query that asks for the label and the probability of a row looks it up once.
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
    Prediction prediction = memo.prediction();
    String wanted = label.isEmpty() ? defaultLabel(memo) : label;
    Double probability = prediction.probabilities().get(wanted);
    return probability == null ? 0.0 : probability;
  }

  /** {@code PREDICT_DETAILS}: the prediction explained, as a JSON object (SPEC section 4). */
  public static String predictDetails(String session, String predictor, String columns,
      String values) {
    Memo memo = predict(session, predictor, columns, values);
    BoundPredictor bound = memo.predictor();
    Prediction prediction = memo.prediction();
    Explanation explanation;
    double distance;
    try {
      explanation = explain(bound, columns, values);
      distance = outOfDistribution(bound, columns, values);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
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
    metadata.put("trained_at", bound.record().createdAt().toString());
    ObjectNode distribution = metadata.putObject("class_distribution_train");
    bound.predictor().classDistribution().forEach(distribution::put);
    return details.toString();
  }

  /** Signed per-column importance and input warnings of one row (SPEC section 4). */
  private static Explanation explain(BoundPredictor bound, String columns, String values)
      throws SQLException {
    PackedRow row = PackedRow.of(bound.inputColumns(), columns, values);
    try {
      return bound.predictor().explain(bound.space(), bound.withRelated(row.frame())).get(0);
    } catch (EngineException e) {
      throw RowspaceErrors.internal("PREDICT_DETAILS with predictor '" + bound.record().name()
          + "' failed: " + e.getMessage(), e);
    }
  }

  /** The row's anomaly score in the predictor's space, as ANOMALY_SCORE gives it. */
  private static double outOfDistribution(BoundPredictor bound, String columns, String values)
      throws SQLException {
    PackedRow row = PackedRow.of(bound.inputColumns(), columns, values);
    try {
      float[] vector = bound.space().embed(bound.withRelated(row.frame()), Set.of())[0];
      return bound.scorer().score(vector);
    } catch (EngineException e) {
      throw RowspaceErrors.internal("PREDICT_DETAILS with predictor '" + bound.record().name()
          + "' failed: " + e.getMessage(), e);
    }
  }

  private static String defaultLabel(Memo memo) {
    if (memo.predictor().predictor().task() == Task.BINARY) {
      return memo.predictor().predictor().positiveLabel();
    }
    return memo.prediction().label();
  }

  private static Memo predict(String sessionId, String predictorName, String columns,
      String values) {
    try {
      BoundPredictor bound = RowspaceSession.byId(sessionId).boundPredictor(predictorName);
      Memo last = LAST.get();
      if (last != null && last.predictor() == bound && last.columns().equals(columns)
          && last.values().equals(values)) {
        return last;
      }
      Prediction prediction = bound.results().get(columns, values);
      if (prediction == null) {
        try {
          PackedRow row = PackedRow.of(bound.inputColumns(), columns, values);
          prediction = bound.predictor().predict(bound.space(), bound.withRelated(row.frame()))
              .get(0);
        } catch (EngineException e) {
          throw RowspaceErrors.internal("PREDICT with predictor '" + predictorName
              + "' failed: " + e.getMessage(), e);
        }
      }
      Memo memo = new Memo(bound, columns, values, prediction);
      LAST.set(memo);
      return memo;
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }
}
