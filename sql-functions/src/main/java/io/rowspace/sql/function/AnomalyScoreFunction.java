package io.rowspace.sql.function;

import io.rowspace.engine.data.Frame;
import io.rowspace.error.EngineException;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.BoundSpace;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ANOMALY_SCORE('space')}: how unusual the current row is for the space, in standard
 * deviations of the embedded rows' own scores, plus how many robust standard deviations its most
 * extreme number lies beyond its column's outlier fences ({@code AnomalyScorer.score(vector,
 * extremeness)}), for rows of input values. Batched ({@link ModelCallBatches}) and row-by-row
 * ({@link ModelCallRows}) evaluation both come here.
 */
public final class AnomalyScoreFunction {
  private AnomalyScoreFunction() {
  }

  /** The anomaly scores of rows of a call's input values, embedded in one call of the space. */
  static List<Double> scores(BoundSpace bound, ModelCall call, List<? extends List<Object>> rows)
      throws SQLException {
    Frame frame = bound.withRelated(ModelInputValues.frame(bound.inputColumns(), call.columns(),
        call.valueTypes(), rows));
    float[][] vectors;
    double[] extremeness;
    try {
      vectors = bound.space().embed(frame, Set.of());
      extremeness = bound.space().extremeness(frame);
    } catch (EngineException e) {
      throw RowspaceErrors.internal("ANOMALY_SCORE('" + bound.record().name() + "') failed: "
          + e.getMessage(), e);
    }
    List<Double> scores = new ArrayList<>(rows.size());
    for (int i = 0; i < vectors.length; i++) {
      scores.add(bound.scorer().score(vectors[i], extremeness[i]));
    }
    return scores;
  }
}
