package io.rowspace.sql.ddl;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.store.SpaceFormat;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;
import io.rowspace.multitable.RelatedRowReader;
import io.rowspace.multitable.RelationRead;
import io.rowspace.multitable.RelationshipCheck;
import io.rowspace.multitable.RowReader;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.PlannedRelation;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlan;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.sql.catalog.BlobStore;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ColumnRecord;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.RelationshipRecord;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.EngineErrors;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlCreateEmbeddingSpace;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.session.SpaceRelations;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Executes {@code CREATE EMBEDDING SPACE}: plans what to read, reads it, trains the space, embeds
 * every row and stores the result in the catalog in one transaction.
 */
final class CreateEmbeddingSpaceCommand {
  private final SqlCreateEmbeddingSpace create;
  private final StatementContext context;
  private final RowspaceSession session;
  /** The space whose training this continues (ALTER ... ADD COLUMNS / REFRESH), or null. */
  private final EmbeddingSpace base;
  private final Set<String> added;
  /**
   * The reads of the related tables of {@code base}, which a continued training keeps (its
   * relations with their summaries), or null to plan them from the statement.
   */
  private final List<RelationRead> keptReads;

  CreateEmbeddingSpaceCommand(SqlCreateEmbeddingSpace create, StatementContext context) {
    this(create, context, null, Set.of(), null);
  }

  /**
   * A CREATE OR REPLACE that continues training {@code base} with the {@code added} columns and
   * the related tables {@code keptReads} reads (empty for a space over its root alone).
   */
  CreateEmbeddingSpaceCommand(SqlCreateEmbeddingSpace create, StatementContext context,
      EmbeddingSpace base, Set<String> added, List<RelationRead> keptReads) {
    this.create = create;
    this.context = context;
    this.session = context.session();
    this.base = base;
    this.added = Set.copyOf(added);
    this.keptReads = keptReads == null ? null : List.copyOf(keptReads);
  }

  StatementResult execute() throws SQLException {
    String name = ObjectNames.newModelName(create.name(), "an embedding space");
    Catalog catalog = session.catalog();
    Optional<SpaceRecord> existing = catalog.spaces().find(name);
    if (existing.isPresent() && !create.replace()) {
      if (create.ifNotExists()) {
        context.warn("Embedding space '" + name + "' already exists; kept as it is.");
        return StatementResult.count(0);
      }
      throw RowspaceErrors.spaceExists(name);
    }
    SpacePlan spacePlan = SpacePlan.of(context, create, keptReads == null ? null
        : keptReads.stream().map(RelationRead::planned).toList());
    Map<String, String> options = SpaceOptionsReader.read(create.options());
    boolean refit = refitPredictors(options);
    SpaceOptions spaceOptions = spaceOptions(options);

    long started = System.nanoTime();
    TrainingPlan plan = spacePlan.plan();
    TableInfo root = plan.root();
    Frame rows = new RowReader(context.connection()).read(plan.rootStep(), 0,
        context.cancelled());
    StatementCheckpoints checkpoints = new StatementCheckpoints(context, "SPACE", name,
        List.of(root.qualifiedName(), plan.rootStep().sql(), spacePlan.forcedExclusions(),
            options, relationshipRecords(spacePlan.findings()).stream()
                .map(r -> r.parentTable() + "/" + r.childTable() + "/" + r.joinColumns())
                .toList()));
    TrainingProgress progress = new TrainingProgress(context, "space " + name, checkpoints);
    try {
      return train(name, existing, spacePlan, spaceOptions, rows, progress, refit, started);
    } catch (SQLException | RuntimeException | Error e) {
      // Failed for good or cancelled: a re-run trains afresh. A crash never gets here, so its
      // checkpoint stays for the re-run to resume from.
      checkpoints.discard();
      throw e;
    }
  }

  /** Trains, embeds and stores the space, then deals with its predictors. */
  private StatementResult train(String name, Optional<SpaceRecord> existing,
      SpacePlan spacePlan, SpaceOptions spaceOptions, Frame rows, TrainingProgress progress,
      boolean refit, long started) throws SQLException {
    Catalog catalog = session.catalog();
    TrainingPlan plan = spacePlan.plan();
    TableInfo root = plan.root();
    for (RelationshipCheck.Finding finding : spacePlan.findings()) {
      finding.findings().forEach(context::warn);
    }
    List<RelationRead> reads = keptReads != null ? keptReads
        : RelationRead.of(plan.relations());
    RelatedRowReader reader = new RelatedRowReader(context.connection(),
        new TrainingPlanner(session.dialect()), spaceOptions.seed(), context.cancelled());
    Frame trainingRows = rows;
    if (!reads.isEmpty()) {
      // Related rows are read for the rows that train (max_rows of them when set), then per
      // chunk of rows embedded: memory holds the related rows of those rows only.
      trainingRows = SpaceTrainer.trainingSample(rows, spaceOptions);
      progress.progress("read", 0, 1, "reading " + plan.relations().size()
          + " related tables by batches of keys for " + trainingRows.rowCount() + " rows");
      trainingRows = reader.attach(trainingRows, reads);
      progress.progress("read", 1, 1, "related rows read");
    }
    String what = "CREATE EMBEDDING SPACE " + name;
    EmbeddingSpace space;
    float[][] vectors;
    try {
      space = base == null
          ? SpaceTrainer.train(trainingRows, spacePlan.forcedExclusions(), spaceOptions,
              progress)
          : SpaceTrainer.extend(base, trainingRows, spacePlan.forcedExclusions(), added,
              spaceOptions, progress);
    } catch (EngineException e) {
      throw progress.translate(e, what);
    }
    trainingRows = null; // its related rows are not needed while all rows are embedded
    try {
      vectors = reads.isEmpty() ? space.embed(rows, Set.of())
          : SpaceRelations.embedAll(space, rows, chunk -> reader.attach(chunk, reads),
              (done, total) -> progress.progress("embed", done, total, "embedded " + done
                  + " of " + total + " rows with their related rows"));
    } catch (EngineException e) {
      space.close();
      throw progress.translate(e, what);
    } catch (SQLException | RuntimeException e) {
      space.close();
      throw e;
    }
    try (space) {
      double seconds = (System.nanoTime() - started) / 1e9;
      RowVectors rowVectors = new RowVectors(keys(rows, root.keyColumns()), vectors,
          space.extremeness(rows));
      SpaceSearchIndex.Choice search = SpaceSearchIndex.choose(rowVectors,
          spaceOptions.exactSearchRows(), space.seed(), context, what);
      byte[] index = search.index();
      byte[] model = SpaceFormat.write(space);
      List<ColumnRecord> columns = columnRecords(root, space.columns(),
          space.mutualInformationBits());
      int used = (int) columns.stream().filter(ColumnRecord::used).count();
      columns.addAll(relatedColumnRecords(spacePlan.plan(), space));
      List<String> tables = new ArrayList<>(List.of(root.qualifiedName()));
      for (PlannedRelation top : plan.relations()) {
        for (PlannedRelation r : top.flatten()) {
          if (!tables.contains(r.table().qualifiedName())) {
            tables.add(r.table().qualifiedName());
          }
        }
      }
      SpaceRecord record = new SpaceRecord(name, root.schema(), root.name(),
          tables, root.keyColumns(), space.rowsTrained(), used,
          space.dModel(), space.epochs(), seconds, space.finalValidationLoss(), space.device(),
          space.seed(), SpaceSearchIndex.optionsJson(space.options(), search), Instant.now(),
          catalog.versions().next(ModelKind.SPACE, name), BlobStore.checksum(model), null, null);
      // Predictors read the space's outputs: a space with other weights changes their inputs.
      List<String> dependents = existing.isPresent()
          && !existing.get().checksum().equals(record.checksum())
          ? catalog.predictors().ofSpace(name) : List.of();
      catalog.spaces().store(record, columns, relationshipRecords(spacePlan.findings()),
          progress.timeline(), model, rowVectors.toBytes(), index, !dependents.isEmpty());
      session.models().evictSpace(name);
      new SpaceDependents(context, name, dependents).afterReplace(refit);
      context.warn(String.format(Locale.ROOT, "Embedding space '%s' trained on %d rows of %s "
          + "using %d columns%s in %.1f s (%d epochs, validation loss %.4f, %s); %d rows "
          + "embedded.", name, space.rowsTrained(), root.qualifiedName(), used,
          plan.relations().isEmpty() ? "" : " and " + space.relations().size()
              + " related tables", seconds, space.epochs(), space.finalValidationLoss(),
          space.device(), rows.rowCount()));
      return StatementResult.count(rows.rowCount());
    }
  }

  private static List<RelationshipRecord> relationshipRecords(
      List<RelationshipCheck.Finding> findings) {
    List<RelationshipRecord> records = new ArrayList<>();
    for (RelationshipCheck.Finding f : findings) {
      PlannedRelation r = f.relation();
      records.add(new RelationshipRecord(r.parentTable(), r.childTable(), r.label(),
          r.joinText(), f.coverage(), f.meanFanout(), f.maxFanout(),
          f.findings().isEmpty() ? null : String.join("; ", f.findings())));
    }
    return records;
  }

  /** SPACE_COLUMNS rows of the related tables: what the space made of each of their columns. */
  private static List<ColumnRecord> relatedColumnRecords(TrainingPlan plan, EmbeddingSpace space) {
    Map<String, List<ColumnProfile>> byRelation = new LinkedHashMap<>();
    space.relatedColumns().forEach((relation, profiles) ->
        byRelation.put(relation.table() + "/" + relation.name(), profiles));
    List<ColumnRecord> records = new ArrayList<>();
    for (PlannedRelation top : plan.relations()) {
      for (PlannedRelation r : top.flatten()) {
        Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
        byRelation.getOrDefault(r.table().name() + "/" + r.name(), List.of())
            .forEach(p -> profiles.put(p.name(), p));
        for (ColumnInfo column : r.table().columns()) {
          ColumnProfile profile = profiles.get(column.name());
          if (profile != null) {
            records.add(new ColumnRecord(r.table().name(), column.name(), column.typeName(),
                profile.detectedType().name(), profile.encoder(), profile.used(),
                profile.reason(), Double.NaN));
          } else {
            boolean read = r.readColumns().contains(column);
            records.add(new ColumnRecord(r.table().name(), column.name(), column.typeName(),
                "EXCLUDED", null, false, read ? "join column" : "excluded by EXCLUDE COLUMNS",
                Double.NaN));
          }
        }
      }
    }
    return records;
  }

  /**
   * Takes option {@code refit_predictors} out of the options (training does not read it):
   * whether replacing the space re-fits its predictors rather than marking them STALE.
   */
  private static boolean refitPredictors(Map<String, String> options) throws SQLException {
    String value = options.remove("refit_predictors");
    if (value == null || value.equals("false")) {
      return false;
    }
    if (!value.equals("true")) {
      throw ErrorCode.OPTION_NOT_BOOLEAN.exception("refit_predictors", value);
    }
    return true;
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
