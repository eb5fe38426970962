package io.rowspace.sql.session;

import io.rowspace.engine.data.Frame;
import java.sql.SQLException;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.search.AnomalyScorer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.SpaceRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A space as a query's {@code ANOMALY_SCORE} uses it: its catalog row, the loaded space, its
 * anomaly scorer and the schema of each input column. Bound once when a query is planned.
 */
public record BoundSpace(RowspaceSession session, SpaceRecord record, EmbeddingSpace space,
    AnomalyScorer scorer, Map<String, ColumnSchema> inputColumns) {

  /**
   * Loads a space and its scorer (from the session's model cache); its inputs are its used
   * columns and the columns that link it to its related tables.
   */
  public static BoundSpace load(RowspaceSession session, SpaceRecord record)
      throws SQLException {
    Catalog catalog = session.catalog();
    EmbeddingSpace space = session.models().space(catalog, record);
    Map<String, ColumnSchema> inputs = new LinkedHashMap<>();
    for (ColumnProfile column : space.columns()) {
      if (column.used() || SpaceRelations.linkColumns(space).contains(column.name())) {
        inputs.put(column.name(), new ColumnSchema(column.name(), column.jdbcType(),
            column.sqlTypeName()));
      }
    }
    return new BoundSpace(session, record, space, session.models().scorer(catalog, record),
        inputs);
  }

  /** The rows with the current rows of the space's related tables attached. */
  public Frame withRelated(Frame rows) throws SQLException {
    return session.withRelated(record, space, rows);
  }
}
