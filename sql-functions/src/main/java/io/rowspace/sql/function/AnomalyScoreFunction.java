package io.rowspace.sql.function;

import io.rowspace.engine.EngineException;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.BoundSpace;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.Set;

/**
 * {@code ANOMALY_SCORE('space')}: how unusual the current row is for the space, in standard
 * deviations of the embedded rows' own scores. Called by Calcite after query rewriting with the
 * session id, the space, and the packed names and values of the row's input columns.
 */
public final class AnomalyScoreFunction {
  private AnomalyScoreFunction() {
  }

  public static Double anomalyScore(String session, String space, String columns,
      String values) {
    try {
      BoundSpace bound = RowspaceSession.byId(session).boundSpace(space);
      Double known = bound.scores().get(columns, values);
      if (known != null) {
        return known;
      }
      PackedRow row = PackedRow.of(bound.inputColumns(), columns, values);
      float[] vector;
      try {
        vector = bound.space().embed(bound.withRelated(row.frame()), Set.of())[0];
      } catch (EngineException e) {
        throw RowspaceErrors.internal("ANOMALY_SCORE('" + space + "') failed: "
            + e.getMessage(), e);
      }
      return bound.scorer().score(vector);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }
}
