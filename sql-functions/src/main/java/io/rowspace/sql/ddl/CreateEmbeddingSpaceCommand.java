package io.rowspace.sql.ddl;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.search.SimilaritySearch;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.SpaceTrainer;
import io.rowspace.multitable.RowReader;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlan;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ColumnRecord;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlCreateEmbeddingSpace;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Executes {@code CREATE EMBEDDING SPACE}: plans what to read, reads it, trains the space, embeds
 * every row and stores the result in the catalog in one transaction.
 */
final class CreateEmbeddingSpaceCommand {
  private final SqlCreateEmbeddingSpace create;
  private final StatementContext context;
  private final RowspaceSession session;

  CreateEmbeddingSpaceCommand(SqlCreateEmbeddingSpace create, StatementContext context) {
    this.create = create;
    this.context = context;
    this.session = context.session();
  }

  StatementResult execute() throws SQLException {
    String name = ObjectNames.modelName(create.name(), "an embedding space");
    Catalog catalog = session.catalog();
    Optional<SpaceRecord> existing = catalog.findSpace(name);
    if (existing.isPresent() && !create.replace()) {
      if (create.ifNotExists()) {
        context.warn("Embedding space '" + name + "' already exists; kept as it is.");
        return StatementResult.count(0);
      }
      throw RowspaceErrors.spaceExists(name);
    }
    SpacePlan spacePlan = plan(context, create);
    Map<String, String> options = SpaceOptionsReader.read(create.options(), context);
    SpaceOptions spaceOptions = spaceOptions(options);

    long started = System.nanoTime();
    TrainingPlan plan = spacePlan.plan();
    TableInfo root = plan.root();
    Frame rows = new RowReader(context.connection()).read(plan.rootStep(), 0,
        context.cancelled());
    TrainingProgress progress = new TrainingProgress(context, "space " + name);
    String what = "CREATE EMBEDDING SPACE " + name;
    EmbeddingSpace space;
    float[][] vectors;
    try {
      space = SpaceTrainer.train(rows, spacePlan.forcedExclusions(), spaceOptions, progress);
      vectors = space.embed(rows, Set.of());
    } catch (EngineException e) {
      throw progress.translate(e, what);
    }
    try (space) {
      double seconds = (System.nanoTime() - started) / 1e9;
      RowVectors rowVectors = new RowVectors(keys(rows, root.keyColumns()), vectors);
      int exactRows = spaceOptions.exactSearchRows().orElse(SimilaritySearch.DEFAULT_EXACT_ROWS);
      byte[] index = SpaceSearchIndex.build(rowVectors, exactRows, space.seed(), context, what);
      byte[] model = space.toBytes();
      List<ColumnRecord> columns = columnRecords(root, space.columns(),
          space.mutualInformationBits());
      int used = (int) columns.stream().filter(ColumnRecord::used).count();
      SpaceRecord record = new SpaceRecord(name, root.schema(), root.name(),
          List.of(root.qualifiedName()), root.keyColumns(), rows.rowCount(), used,
          space.dModel(), space.epochs(), seconds, space.finalValidationLoss(), space.device(),
          space.seed(), SpaceSearchIndex.optionsJson(space.options(), exactRows), Instant.now(),
          existing.map(s -> s.version() + 1).orElse(1), Catalog.checksum(model), null, null);
      catalog.storeSpace(record, columns, progress.timeline(), model, rowVectors.toBytes(),
          index);
      session.models().evictSpace(name);
      context.warn(String.format(Locale.ROOT, "Embedding space '%s' trained on %d rows of %s "
          + "using %d columns in %.1f s (%d epochs, validation loss %.4f, %s).", name,
          rows.rowCount(), root.qualifiedName(), used, seconds, space.epochs(),
          space.finalValidationLoss(), space.device()));
      return StatementResult.count(rows.rowCount());
    }
  }

  /** A validated plan and the columns it keeps out of learning, with the reason. */
  record SpacePlan(TrainingPlan plan, Map<String, String> forcedExclusions) {
  }

  /** Resolves the statement's tables and columns and plans the reads; shared with EXPLAIN. */
  static SpacePlan plan(StatementContext context, SqlCreateEmbeddingSpace create)
      throws SQLException {
    RowspaceSession session = context.session();
    TableInfo root = ObjectNames.table(session, context.connection(), create.rootTable());
    if (root.keyColumns().isEmpty()) {
      String idType = session.database().isPostgres() ? "SERIAL" : "IDENTITY";
      throw RowspaceErrors.unusableData("Table '" + root.qualifiedName() + "' has no primary key "
          + "and no unique non-null column, so its rows cannot be told apart. Add one, e.g. "
          + "ALTER TABLE " + root.qualifiedName() + " ADD COLUMN id " + idType
          + " PRIMARY KEY.");
    }
    if (!create.includes().isEmpty()) {
      List<String> related = new ArrayList<>();
      create.includes().forEach(include -> related.add(include.table().toString()));
      throw new SQLException("INCLUDE (" + String.join(", ", related) + "): spaces over related "
          + "tables are not available in this version; create the space on " + root.name()
          + " alone (INCLUDE NO RELATED TABLES).", "0A000");
    }
    Map<String, String> exclusions = new LinkedHashMap<>();
    for (String key : root.keyColumns()) {
      exclusions.put(key, "row key (identifies rows; used by SIMILAR_ROWS)");
    }
    Set<String> excluded = new LinkedHashSet<>();
    for (SqlIdentifier column : create.excludedColumns()) {
      String columnName = column.names.get(column.names.size() - 1);
      if (column.names.size() > 1) {
        String table = column.names.get(column.names.size() - 2);
        if (!table.equals(root.name())) {
          throw RowspaceErrors.unknownTable(table, List.of(root.name()));
        }
      }
      if (root.column(columnName).isEmpty()) {
        throw RowspaceErrors.unknownColumn(root.qualifiedName(), columnName, root.columnNames());
      }
      excluded.add(columnName);
      exclusions.putIfAbsent(columnName, "excluded by EXCLUDE COLUMNS");
    }
    TrainingPlan plan = new TrainingPlanner(session.dialect()).plan(root, excluded);
    return new SpacePlan(plan, exclusions);
  }

  private SpaceOptions spaceOptions(Map<String, String> options) throws SQLException {
    try {
      return SpaceOptions.fromMap(options);
    } catch (EngineException e) {
      throw EngineErrors.translate(e, "CREATE EMBEDDING SPACE");
    }
  }

  static List<String> keys(Frame rows, List<String> keyColumns) {
    int[] indexes = keyColumns.stream().mapToInt(rows::indexOf).toArray();
    List<String> keys = new ArrayList<>(rows.rowCount());
    Object[] parts = new Object[indexes.length];
    for (int row = 0; row < rows.rowCount(); row++) {
      for (int k = 0; k < indexes.length; k++) {
        parts[k] = rows.value(row, indexes[k]);
      }
      keys.add(RowKey.of(parts));
    }
    return keys;
  }

  private static List<ColumnRecord> columnRecords(TableInfo root, List<ColumnProfile> profiles,
      Map<String, Double> bits) {
    Map<String, ColumnProfile> byName = new LinkedHashMap<>();
    profiles.forEach(p -> byName.put(p.name(), p));
    List<ColumnRecord> records = new ArrayList<>();
    for (ColumnInfo column : root.columns()) {
      ColumnProfile profile = byName.get(column.name());
      if (profile == null) {
        records.add(new ColumnRecord(root.name(), column.name(), column.typeName(), "EXCLUDED",
            null, false, "excluded by EXCLUDE COLUMNS", Double.NaN));
      } else {
        records.add(new ColumnRecord(root.name(), column.name(), column.typeName(),
            profile.detectedType().name(), profile.encoder(), profile.used(), profile.reason(),
            bits.getOrDefault(column.name(), Double.NaN)));
      }
    }
    return records;
  }
}
