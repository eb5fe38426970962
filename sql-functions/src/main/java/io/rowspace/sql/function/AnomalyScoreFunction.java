package io.rowspace.sql.function;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.data.Frame;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.BoundSpace;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ANOMALY_SCORE('space')}: how unusual the current row is for the space, in standard
 * deviations of the embedded rows' own scores, plus how many robust standard deviations its most
 * extreme number lies beyond its column's outlier fences ({@code AnomalyScorer.score(vector,
 * extremeness)}). Called by Calcite after query rewriting with the session id, the space, and
 * the packed names and values of the row's input columns, where no batch can form; queries over
 * rows evaluate it in batches ({@link ModelCallBatches}). Either way the space is checked against
 * the catalog once per execution.
 */
public final class AnomalyScoreFunction {
  private AnomalyScoreFunction() {
  }

  public static Double anomalyScore(String session, String space, String columns,
      String values) {
    try {
      BoundSpace bound = RowspaceSession.byId(session).spaceOfExecution(space);
      return scores(bound, columns, List.of(values)).get(0);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  /** The anomaly scores of rows given by packed values, embedded in one call of the space. */
  static List<Double> scores(BoundSpace bound, String columns, List<String> rows)
      throws SQLException {
    Frame frame = bound.withRelated(PackedRow.frame(bound.inputColumns(), columns, rows));
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
