package io.rowspace.sql.ddl;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorMetrics;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;
import io.rowspace.multitable.RowReader;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.PlanStep;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.sql.catalog.BlobStore;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlCreatePredictor;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.session.SpaceRelations;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Executes {@code CREATE PREDICTOR}: reads the space's root table, trains a predictor for the
 * target column on top of the space (the target masked) and stores it in one transaction. While
 * it trains, checkpoints go to {@code ROWSPACE.CHECKPOINTS} (kind {@code PREDICTOR}); the same
 * statement run again after a crash resumes from the latest one, and storing the predictor
 * deletes it in the same transaction.
 */
final class CreatePredictorCommand {
  private final SqlCreatePredictor create;
  private final StatementContext context;
  private final RowspaceSession session;

  CreatePredictorCommand(SqlCreatePredictor create, StatementContext context) {
    this.create = create;
    this.context = context;
    this.session = context.session();
  }

  StatementResult execute() throws SQLException {
    String name = ObjectNames.newModelName(create.name(), "a predictor");
    Catalog catalog = session.catalog();
    Optional<PredictorRecord> existing = catalog.predictors().find(name);
    if (existing.isPresent() && !create.replace()) {
      if (create.ifNotExists()) {
        context.warn("Predictor '" + name + "' already exists; kept as it is.");
        return StatementResult.count(0);
      }
      throw RowspaceErrors.predictorExists(name);
    }
    String spaceName = ObjectNames.modelName(create.space(), "an embedding space");
    SpaceRecord spaceRecord = catalog.spaces().find(spaceName)
        .orElseThrow(() -> unknownSpace(catalog, spaceName));
    String target = ObjectNames.modelName(create.target(), "a target column");
    Map<String, String> options = SpaceOptionsReader.read(create.options());
    return StatementResult.count(fit(context, name, spaceRecord, target, options, existing));
  }

  /**
   * Re-fits a predictor on its space as it is now (after the space was replaced), with the
   * options its statement wrote, as {@code CREATE OR REPLACE PREDICTOR} would.
   *
   * @return the number of training rows
   */
  static int refit(StatementContext context, PredictorRecord predictor, SpaceRecord space)
      throws SQLException {
    Map<String, String> options = new TreeMap<>(
        SpaceOptionsReader.fromJson(predictor.statementOptions()));
    if (predictor.statementOptions() == null) {
      // Stored by an earlier Rowspace: keep at least the task and the seed it trained with.
      Map<String, String> resolved = SpaceOptionsReader.fromJson(predictor.options());
      for (String key : List.of("task", "seed", "positive_label")) {
        if (resolved.containsKey(key)) {
          options.put(key, resolved.get(key));
        }
      }
    }
    return fit(context, predictor.name(), space, predictor.target(), options,
        Optional.of(predictor));
  }

  /** Trains a predictor on a space and stores it (replacing {@code existing}, if any). */
  private static int fit(StatementContext context, String name, SpaceRecord spaceRecord,
      String target, Map<String, String> options, Optional<PredictorRecord> existing)
      throws SQLException {
    RowspaceSession session = context.session();
    Catalog catalog = session.catalog();
    String spaceName = spaceRecord.name();
    TableInfo root = ObjectNames.storedTable(session, context.connection(),
        spaceRecord.rootSchema(), spaceRecord.rootTable());
    ColumnInfo targetColumn = root.column(target).orElseThrow(
        () -> RowspaceErrors.unknownColumn(root.qualifiedName(), target, root.columnNames()));
    if (root.keyColumns().contains(target)) {
      throw ErrorCode.TARGET_IS_ROW_KEY.exception(target, root.qualifiedName());
    }
    String what = "CREATE PREDICTOR " + name;

    long started = System.nanoTime();
    String sql = new TrainingPlanner(session.dialect()).select(root, root.columnNames());
    Frame rows = new RowReader(context.connection()).read(
        new PlanStep(root.name(), PlanStep.Role.ROOT, root.columns(), sql), 0,
        context.cancelled());
    EmbeddingSpace space = session.models().space(catalog, spaceRecord);
    rows = SpaceRelations.attach(session, context.connection(), spaceRecord, space, rows,
        context.cancelled());
    StatementCheckpoints checkpoints = new StatementCheckpoints(context, "PREDICTOR", name,
        List.of(spaceName, spaceRecord.version(), root.qualifiedName(), sql, target, options));
    TrainingProgress progress = new TrainingProgress(context, "predictor " + name, checkpoints);
    Predictor predictor;
    try {
      predictor = PredictorTrainer.train(space, rows, target, PredictorOptions.fromMap(options),
          progress);
    } catch (EngineException e) {
      // Failed for good or cancelled: a re-run trains afresh. A crash never gets here, so its
      // checkpoint stays for the re-run to resume from.
      checkpoints.discard();
      throw progress.translate(e, what);
    } catch (RuntimeException | Error e) {
      checkpoints.discard();
      throw e;
    }
    try (predictor) {
      double seconds = (System.nanoTime() - started) / 1e9;
      byte[] model = PredictorFormat.write(predictor);
      PredictorMetrics m = predictor.metrics();
      PredictorRecord record = new PredictorRecord(name, spaceName, target,
          sqlType(targetColumn), predictor.task().name(),
          m.metric(), m.metricValue(), m.auc(), m.accuracy(), m.f1(), m.logLoss(), m.rmse(),
          m.mae(), m.r2(), m.calibrationError(), predictor.threshold(), predictor.classes(),
          predictor.inputColumns(), predictor.trainingRows(), seconds,
          SpaceOptionsReader.toJson(predictor.resolvedOptions()), Instant.now(),
          catalog.versions().next(ModelKind.PREDICTOR, name), BlobStore.checksum(model), "READY",
          SpaceOptionsReader.toJson(options));
      catalog.predictors().store(record, progress.timeline(), model);
      session.models().evictPredictor(name);
      context.warn(summary(name, predictor, m, seconds));
      return predictor.trainingRows();
    }
  }

  /**
   * The target's SQL type as PREDICT returns it; fixed-length text keeps its length, so that a
   * prediction compares equal to a stored value padded to it.
   */
  private static String sqlType(ColumnInfo column) {
    String type = JDBCType.valueOf(column.jdbcType()).getName();
    if ((column.jdbcType() == Types.CHAR || column.jdbcType() == Types.NCHAR)
        && column.size() > 0) {
      return "CHAR(" + column.size() + ")";
    }
    return type;
  }

  private static String summary(String name, Predictor predictor, PredictorMetrics m,
      double seconds) {
    String metrics;
    switch (predictor.task()) {
    case BINARY:
      metrics = String.format(Locale.ROOT, "AUC %.4f, accuracy %.4f, F1 %.4f, log loss %.4f, "
          + "threshold %.3f", m.auc(), m.accuracy(), m.f1(), m.logLoss(), predictor.threshold());
      break;
    case MULTICLASS:
      metrics = String.format(Locale.ROOT, "accuracy %.4f, log loss %.4f", m.accuracy(),
          m.logLoss());
      break;
    default:
      metrics = String.format(Locale.ROOT, "RMSE %.4f, MAE %.4f, R2 %.4f", m.rmse(), m.mae(),
          m.r2());
      break;
    }
    return String.format(Locale.ROOT, "Predictor '%s' (%s) trained on %d rows in %.1f s; "
        + "validation on %d held-out rows: %s.", name,
        predictor.task().name().toLowerCase(Locale.ROOT), m.trainRows(), seconds,
        m.validationRows(), metrics);
  }

  private static SQLException unknownSpace(Catalog catalog, String name) {
    try {
      return RowspaceErrors.unknownSpace(name, catalog.spaces().names());
    } catch (SQLException e) {
      return e;
    }
  }
}
