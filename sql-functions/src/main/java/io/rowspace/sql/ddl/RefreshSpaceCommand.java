package io.rowspace.sql.ddl;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.error.EngineException;
import io.rowspace.multitable.RowReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlan;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.EngineErrors;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlRefreshEmbeddingSpace;
import io.rowspace.sql.session.SpaceRelations;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Executes {@code REFRESH EMBEDDING SPACE}: re-embeds the current rows of the root table with
 * the trained space (no retraining) and rebuilds their search index, so {@code SIMILAR_ROWS}
 * sees new and changed rows.
 */
final class RefreshSpaceCommand {
  private RefreshSpaceCommand() {
  }

  static StatementResult execute(SqlRefreshEmbeddingSpace refresh, StatementContext context)
      throws SQLException {
    String name = ObjectNames.modelName(refresh.name(), "an embedding space");
    Catalog catalog = context.session().catalog();
    SpaceRecord record = catalog.spaces().find(name)
        .orElseThrow(() -> RowspaceErrors.unknownSpace(name, spaceNames(catalog)));
    TableInfo root = ObjectNames.storedTable(context.session(), context.connection(),
        record.rootSchema(), record.rootTable());
    TrainingPlan plan = new TrainingPlanner(context.session().dialect()).plan(root, Set.of());
    Frame rows = new RowReader(context.connection()).read(plan.rootStep(), 0,
        context.cancelled());
    EmbeddingSpace space = context.session().models().space(catalog, record);
    float[][] vectors;
    TrainingProgress progress = new TrainingProgress(context, "refresh " + name);
    try {
      vectors = SpaceRelations.embedAll(space, rows, chunk -> SpaceRelations.attach(
          context.session(), context.connection(), record, space, chunk, context.cancelled()),
          (done, total) -> progress.progress("embed", done, total, "embedded " + done + " of "
              + total + " rows"));
    } catch (EngineException e) {
      throw EngineErrors.translate(e, "REFRESH EMBEDDING SPACE " + name);
    }
    RowVectors rowVectors = new RowVectors(
        CreateEmbeddingSpaceCommand.keys(rows, record.keyColumns()), vectors,
        space.extremeness(rows));
    byte[] index = SpaceSearchIndex.choose(rowVectors, SpaceSearchIndex.exactRows(record),
        record.seed(), context, "REFRESH EMBEDDING SPACE " + name).index();
    catalog.spaces().replaceVectors(record, rowVectors.toBytes(), index);
    context.session().models().evictSpace(name);
    return StatementResult.count(rows.rowCount());
  }

  private static List<String> spaceNames(Catalog catalog) {
    try {
      return catalog.spaces().names();
    } catch (SQLException e) {
      return List.of();
    }
  }
}
