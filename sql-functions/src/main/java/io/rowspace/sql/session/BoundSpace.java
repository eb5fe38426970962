package io.rowspace.sql.session;

import io.rowspace.engine.data.Frame;
import java.sql.SQLException;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.search.AnomalyScorer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.sql.catalog.SpaceRecord;
import java.util.Map;

/**
 * A space as a query's {@code ANOMALY_SCORE} uses it: its catalog row, the loaded space, its
 * anomaly scorer, the schema of each input column, and the scores already computed in batches
 * for the query's rows. Bound once when a query is planned.
 */
public record BoundSpace(RowspaceSession session, SpaceRecord record, EmbeddingSpace space,
    AnomalyScorer scorer, Map<String, ColumnSchema> inputColumns, RowResults<Double> scores) {

  /** The rows with the current rows of the space's related tables attached. */
  public Frame withRelated(Frame rows) throws SQLException {
    return session.withRelated(record, space, rows);
  }
}
