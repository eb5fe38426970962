package io.rowspace.sql.ddl;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.catalog.StoredModel;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlExportModel;
import io.rowspace.sql.parser.SqlModelKind;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.transfer.ModelArchive;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes {@code EXPORT PREDICTOR name TO 'file'} (the predictor with its space) and
 * {@code EXPORT EMBEDDING SPACE name TO 'file'} (the space with its READY predictors): reads the
 * current versions in one catalog transaction and writes them as one {@link ModelArchive}.
 */
final class ExportCommand {
  private final SqlExportModel export;
  private final StatementContext context;

  ExportCommand(SqlExportModel export, StatementContext context) {
    this.export = export;
    this.context = context;
  }

  StatementResult execute() throws SQLException {
    RowspaceSession session = context.session();
    String statement = "EXPORT " + export.kind().keywords();
    if (!session.settings().fileAccess()) {
      throw RowspaceErrors.noFileAccess(statement);
    }
    Path file = path(export.file().getValueAs(String.class));
    String name = ObjectNames.modelName(export.name(), export.kind().description());
    Catalog catalog = session.catalog();
    String spaceName;
    List<String> predictors = new ArrayList<>();
    if (export.kind() == SqlModelKind.PREDICTOR) {
      PredictorRecord predictor = catalog.predictors().find(name).orElseThrow(() ->
          unknown(catalog, ModelKind.PREDICTOR, name));
      if (predictor.stale()) {
        throw RowspaceErrors.stalePredictor(name, predictor.space(), predictor.target());
      }
      spaceName = predictor.space();
      predictors.add(name);
    } else {
      SpaceRecord space = catalog.spaces().find(name).orElseThrow(() ->
          unknown(catalog, ModelKind.SPACE, name));
      spaceName = space.name();
      for (String predictor : catalog.predictors().ofSpace(name)) {
        if (catalog.predictors().find(predictor).map(p -> !p.stale()).orElse(false)) {
          predictors.add(predictor);
        } else {
          context.warn("Predictor '" + predictor + "' is STALE and was not exported; re-train "
              + "it on embedding space '" + name + "' to export it.");
        }
      }
    }
    List<StoredModel> models = new ArrayList<>();
    catalog.inTransaction(connection -> {
      models.add(StoredModel.read(connection, ModelKind.SPACE, spaceName));
      for (String predictor : predictors) {
        models.add(StoredModel.read(connection, ModelKind.PREDICTOR, predictor));
      }
    });
    ModelArchive archive = new ModelArchive(
        export.kind() == SqlModelKind.PREDICTOR ? ModelKind.PREDICTOR : ModelKind.SPACE, name,
        session.database().productName(), session.database().defaultSchema(),
        session.database().unquotedCasing().name(), Instant.now().toString(), models);
    archive.write(file);
    context.warn("Exported " + (export.kind() == SqlModelKind.PREDICTOR
        ? "predictor '" + name + "' with its embedding space '" + spaceName + "'"
        : "embedding space '" + name + "'" + (predictors.isEmpty() ? ""
            : " with predictors " + String.join(", ", predictors)))
        + " to '" + file.toAbsolutePath() + "'.");
    return StatementResult.count(models.size());
  }

  /** The path a statement names, resolved by this process (relative to its directory). */
  static Path path(String text) throws SQLException {
    try {
      if (text.isBlank()) {
        throw new InvalidPathException(text, "empty");
      }
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw ErrorCode.NOT_A_FILE_PATH.exception(text, e.getReason());
    }
  }

  static SQLException unknown(Catalog catalog, ModelKind kind, String name) {
    try {
      return kind == ModelKind.SPACE ? RowspaceErrors.unknownSpace(name, catalog.spaces().names())
          : RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
    } catch (SQLException e) {
      return e;
    }
  }
}
