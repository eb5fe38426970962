package io.rowspace.sql.session;

import io.rowspace.engine.data.Frame;
import java.sql.SQLException;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.search.AnomalyScorer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import java.util.Map;

/**
 * A predictor as a query uses it: its catalog row, the loaded predictor and space, the space's
 * anomaly scorer (for out-of-distribution warnings), the schema of each input column, and the
 * predictions already computed in batches for the query's rows. Bound once when a query is
 * planned, used for every row.
 */
public record BoundPredictor(RowspaceSession session, PredictorRecord record,
    SpaceRecord spaceRecord, Predictor predictor, EmbeddingSpace space, AnomalyScorer scorer,
    Map<String, ColumnSchema> inputColumns, RowResults<Prediction> results) {

  /** The rows with the current rows of the space's related tables attached. */
  public Frame withRelated(Frame rows) throws SQLException {
    return session.withRelated(spaceRecord, space, rows);
  }
}
