package io.rowspace.sql.session;

import io.rowspace.engine.data.Frame;
import java.sql.SQLException;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.search.AnomalyScorer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A predictor as a query uses it: its catalog row, the loaded predictor and space, the space's
 * anomaly scorer (for out-of-distribution warnings) and the schema of each input column. Bound
 * once when a query is planned, used for every batch of rows.
 */
public record BoundPredictor(RowspaceSession session, PredictorRecord record,
    SpaceRecord spaceRecord, Predictor predictor, EmbeddingSpace space, AnomalyScorer scorer,
    Map<String, ColumnSchema> inputColumns) {

  /** Loads a predictor, its space and the space's scorer (from the session's model cache). */
  public static BoundPredictor load(RowspaceSession session, PredictorRecord record)
      throws SQLException {
    Catalog catalog = session.catalog();
    if (record.stale()) {
      throw RowspaceErrors.stalePredictor(record.name(), record.space(), record.target());
    }
    SpaceRecord spaceRecord = catalog.spaces().find(record.space())
        .orElseThrow(() -> RowspaceErrors.unknownSpace(record.space(), List.of()));
    EmbeddingSpace space = session.models().space(catalog, spaceRecord);
    Predictor predictor = session.models().predictor(catalog, record);
    Map<String, ColumnSchema> inputs = new LinkedHashMap<>();
    for (ColumnProfile column : space.columns()) {
      inputs.put(column.name(), new ColumnSchema(column.name(), column.jdbcType(),
          column.sqlTypeName()));
    }
    return new BoundPredictor(session, record, spaceRecord, predictor, space,
        session.models().scorer(catalog, spaceRecord), inputs);
  }

  /** The rows with the current rows of the space's related tables attached. */
  public Frame withRelated(Frame rows) throws SQLException {
    return session.withRelated(spaceRecord, space, rows);
  }
}
