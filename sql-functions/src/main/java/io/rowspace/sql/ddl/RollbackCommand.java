package io.rowspace.sql.ddl;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.ModelVersion;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlModelKind;
import io.rowspace.sql.parser.SqlRollbackModel;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Executes {@code ALTER PREDICTOR | EMBEDDING SPACE name ROLLBACK TO VERSION n}: makes a kept
 * version current in one catalog transaction. Rolling a space back makes READY the predictors
 * trained on that version and STALE the others; a predictor rolled back to a version trained on
 * another version of its space is STALE until the space is rolled back to it too.
 */
final class RollbackCommand {
  private RollbackCommand() {
  }

  static StatementResult execute(SqlRollbackModel rollback, StatementContext context)
      throws SQLException {
    ModelKind kind = rollback.kind() == SqlModelKind.PREDICTOR
        ? ModelKind.PREDICTOR : ModelKind.SPACE;
    String name = ObjectNames.modelName(rollback.name(), rollback.kind().description());
    Catalog catalog = context.session().catalog();
    int current = currentVersion(catalog, kind, name);
    int version = version(rollback, kind, name);
    List<ModelVersion> versions = catalog.versions().list(kind, name);
    if (version == current) {
      context.warn("Version " + version + " of " + kind.label() + " '" + name
          + "' is already the current one; nothing changed.");
      return StatementResult.count(0);
    }
    Optional<ModelVersion> target = versions.stream()
        .filter(v -> v.version() == version).findFirst();
    if (target.isEmpty()) {
      throw unknownVersion(catalog, kind, name, version, current, versions);
    }
    catalog.versions().rollback(kind, name, version);
    if (kind == ModelKind.SPACE) {
      context.session().models().evictSpace(name);
      for (String predictor : catalog.predictors().ofSpace(name)) {
        context.session().models().evictPredictor(predictor);
      }
      reportPredictors(context, catalog, name, version);
    } else {
      context.session().models().evictPredictor(name);
      reportPredictor(context, catalog, name, target.get());
    }
    return StatementResult.count(0);
  }

  private static int currentVersion(Catalog catalog, ModelKind kind, String name)
      throws SQLException {
    if (kind == ModelKind.SPACE) {
      return catalog.spaces().find(name)
          .orElseThrow(() -> unknown(() -> RowspaceErrors.unknownSpace(name,
              catalog.spaces().names())))
          .version();
    }
    return catalog.predictors().find(name)
        .orElseThrow(() -> unknown(() -> RowspaceErrors.unknownPredictor(name,
            catalog.predictors().names())))
        .version();
  }

  private static int version(SqlRollbackModel rollback, ModelKind kind, String name)
      throws SQLException {
    BigDecimal value = rollback.version().bigDecimalValue();
    if (value == null || value.scale() > 0 || value.signum() <= 0
        || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw ErrorCode.VERSION_NOT_POSITIVE.exception(kind.label(), name,
          rollback.version().toValue());
    }
    return value.intValueExact();
  }

  /** 42704 naming the versions that are kept. */
  private static SQLException unknownVersion(Catalog catalog, ModelKind kind, String name,
      int version, int current, List<ModelVersion> versions) {
    String kept = versions.isEmpty() ? current + " (current)"
        : versions.stream().map(v -> v.version() + (v.current() ? " (current)" : ""))
            .collect(Collectors.joining(", "));
    return ErrorCode.UNKNOWN_VERSION.exception(version, kind.label(), name, kept,
        catalog.versions().keep(), kind.keywords());
  }

  private static void reportPredictors(StatementContext context, Catalog catalog, String space,
      int version) throws SQLException {
    StringBuilder ready = new StringBuilder();
    StringBuilder stale = new StringBuilder();
    for (String name : catalog.predictors().ofSpace(space)) {
      Optional<PredictorRecord> predictor = catalog.predictors().find(name);
      if (predictor.isPresent()) {
        StringBuilder list = predictor.get().stale() ? stale : ready;
        list.append(list.length() == 0 ? "" : ", ").append(name);
      }
    }
    context.warn("Embedding space '" + space + "' is at version " + version + " again."
        + (ready.length() == 0 ? "" : " Predictors trained on it are READY: " + ready + ".")
        + (stale.length() == 0 ? "" : " Predictors trained on another version are STALE: "
            + stale + " (roll the space back to their version, or re-train them)."));
  }

  private static void reportPredictor(StatementContext context, Catalog catalog, String name,
      ModelVersion target) throws SQLException {
    PredictorRecord predictor = catalog.predictors().find(name).orElseThrow();
    Optional<SpaceRecord> space = catalog.spaces().find(predictor.space());
    String trainedOn = target.spaceVersion() == null ? ""
        : " (trained on version " + target.spaceVersion() + " of embedding space '"
            + predictor.space() + "')";
    if (!predictor.stale()) {
      context.warn("Predictor '" + name + "' is at version " + target.version() + " again"
          + trainedOn + ".");
      return;
    }
    context.warn("Predictor '" + name + "' is at version " + target.version() + " again"
        + trainedOn + ", but STALE: its space is at version "
        + space.map(s -> Integer.toString(s.version())).orElse("?") + " now. "
        + (target.spaceVersion() == null ? "Re-train it"
            : "Run ALTER EMBEDDING SPACE " + predictor.space() + " ROLLBACK TO VERSION "
                + target.spaceVersion() + ", or re-train it")
        + " with CREATE OR REPLACE PREDICTOR.");
  }

  /** An exception built by a catalog read, or the read's own failure. */
  @FunctionalInterface
  private interface ErrorSource {
    SQLException get() throws SQLException;
  }

  private static SQLException unknown(ErrorSource source) {
    try {
      return source.get();
    } catch (SQLException e) {
      return e;
    }
  }
}
