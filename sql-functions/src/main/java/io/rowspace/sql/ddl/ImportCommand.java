package io.rowspace.sql.ddl;

import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.store.SpaceFormat;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.BlobKind;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.catalog.StoredModel;
import io.rowspace.sql.error.EngineErrors;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlImportModel;
import io.rowspace.sql.parser.SqlModelKind;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.transfer.ModelArchive;
import io.rowspace.sql.transfer.NameBinding;
import io.rowspace.sql.transfer.RenamedModels;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes {@code IMPORT [OR REPLACE] PREDICTOR | EMBEDDING SPACE [name] FROM 'file'}: reads a
 * {@link ModelArchive}, binds the tables and columns the space reads to those here
 * ({@link NameBinding}: as written, as an unquoted name folds here, or the one equal ignoring
 * case), renames them in the models once ({@link RenamedModels}), and stores the models as new
 * current versions in one catalog transaction.
 *
 * <p>IMPORT PREDICTOR stores the predictor (under {@code name}, if given) and its space under the
 * space's exported name; a space of that name with the same weights is used as it is. IMPORT
 * EMBEDDING SPACE stores the space (under {@code name}, if given) and its predictors under their
 * names. An exported name as the exporting database folds unquoted names is folded as this one
 * folds them ({@code SHOP} from H2 is {@code shop} in PostgreSQL). A model whose name is taken
 * is refused (42710) unless OR REPLACE, which keeps the model there as a former version, as
 * CREATE OR REPLACE does.
 */
final class ImportCommand {
  private final SqlImportModel statement;
  private final StatementContext context;
  private final RowspaceSession session;

  ImportCommand(SqlImportModel statement, StatementContext context) {
    this.statement = statement;
    this.context = context;
    this.session = context.session();
  }

  StatementResult execute() throws SQLException {
    String what = "IMPORT " + statement.kind().keywords();
    if (!session.settings().fileAccess()) {
      throw RowspaceErrors.noFileAccess(what);
    }
    String fileText = statement.file().getValueAs(String.class);
    ModelArchive archive = ModelArchive.read(ExportCommand.path(fileText));
    ModelKind kind = statement.kind() == SqlModelKind.PREDICTOR
        ? ModelKind.PREDICTOR : ModelKind.SPACE;
    if (archive.kind() != kind) {
      throw ErrorCode.IMPORT_WRONG_KIND.exception(fileText, archive.kind().label(),
          archive.name(), archive.kind().keywords());
    }
    String given = statement.name() == null ? null
        : ObjectNames.newModelName(statement.name(), statement.kind().description());
    int exported = -1;
    if (kind == ModelKind.PREDICTOR) {
      for (int p = 0; p < archive.predictors().size() && exported < 0; p++) {
        if (archive.predictors().get(p).name().equals(archive.name())) {
          exported = p;
        }
      }
      if (exported < 0) {
        throw ErrorCode.IMPORT_PREDICTOR_ABSENT.exception(fileText, archive.name());
      }
    }
    String spaceName = kind == ModelKind.SPACE && given != null ? given
        : here(archive, archive.space().name());
    NameBinding.Bound bound = bind(archive, spaceName, what);
    RenamedModels models;
    try {
      models = RenamedModels.of(archive, bound);
    } catch (EngineException e) {
      throw EngineErrors.translate(e, what);
    }
    Catalog catalog = session.catalog();
    StoredModel space = models.space();
    Map<String, StoredModel> predictors = new LinkedHashMap<>();
    if (kind == ModelKind.PREDICTOR) {
      StoredModel predictor = models.predictors().get(exported);
      String predictorName = given == null ? here(archive, predictor.name()) : given;
      predictors.put(predictorName, predictor);
      Optional<SpaceRecord> there = catalog.spaces().find(spaceName);
      if (there.isPresent() && there.get().checksum().equals(space.value("checksum"))) {
        space = null; // the very space it was trained on is here already
      } else if (there.isPresent() && !statement.replace()) {
        throw ErrorCode.IMPORT_SPACE_EXISTS.exception(spaceName, predictorName);
      }
    } else {
      if (catalog.spaces().find(spaceName).isPresent() && !statement.replace()) {
        throw RowspaceErrors.spaceExists(spaceName);
      }
      models.predictors().forEach(p -> predictors.put(here(archive, p.name()), p));
    }
    if (!statement.replace()) {
      for (String name : predictors.keySet()) {
        if (catalog.predictors().find(name).isPresent()) {
          throw RowspaceErrors.predictorExists(name);
        }
      }
    }
    Map<String, Object> spaceRow = new HashMap<>();
    spaceRow.put("root_schema", bound.rootSchema());
    StoredModel.storeAll(catalog, space, spaceName, spaceRow, predictors);
    session.models().evictSpace(spaceName);
    predictors.keySet().forEach(session.models()::evictPredictor);
    context.warn("Imported " + (space == null ? "" : "embedding space '" + spaceName + "'"
        + (predictors.isEmpty() ? "" : " and ")) + (predictors.isEmpty() ? ""
            : (predictors.size() == 1 ? "predictor " : "predictors ")
                + String.join(", ", predictors.keySet()))
        + " from '" + fileText + "' (exported from " + archive.database() + " at "
        + archive.exportedAt() + ")" + (space == null ? "; embedding space '" + spaceName
            + "' was here already with the same weights" : "") + renamedText(bound) + ".");
    return StatementResult.count((space == null ? 0 : 1) + predictors.size());
  }

  /**
   * The name a model exported under {@code name} gets here: a name as the exporting database
   * folds unquoted names ({@code SHOP} from H2) is folded as this one folds them ({@code shop}
   * in PostgreSQL), so that the statements users write unquoted here find it; others (quoted
   * there) stay as they are.
   */
  private String here(ModelArchive archive, String name) {
    return archive.foldedAsUnquoted(name) ? session.database().fold(name) : name;
  }

  /**
   * Binds the tables and columns the space reads to those here: 42S02 or 42S22 naming the first
   * one that is missing or ambiguous.
   */
  private NameBinding.Bound bind(ModelArchive archive, String spaceName, String what)
      throws SQLException {
    NameBinding binding = new NameBinding(context.connection(),
        ObjectNames.schemaReader(session, context.connection()),
        session.database().defaultSchema(), session.database()::fold);
    try (EmbeddingSpace space = SpaceFormat.read(
        archive.space().blobs().get(BlobKind.SPACE))) {
      return binding.bind(archive.space(), space, archive.predictors(), rootSchema(archive),
          "embedding space '" + spaceName + "'");
    } catch (EngineException e) {
      throw EngineErrors.translate(e, what);
    }
  }

  /** What the warning says of names bound to others here, if any. */
  private static String renamedText(NameBinding.Bound bound) {
    List<String> changes = new ArrayList<>();
    bound.renaming().tables().forEach((from, to) -> {
      if (!from.equals(to)) {
        changes.add(from + " -> " + to);
      }
    });
    int columns = 0;
    for (Map<String, String> names : bound.renaming().columns().values()) {
      columns += (int) names.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue()))
          .count();
    }
    if (changes.isEmpty() && columns == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (!changes.isEmpty()) {
      parts.add((changes.size() == 1 ? "table " : "tables ") + String.join(", ", changes));
    }
    if (columns > 0) {
      parts.add(columns + (columns == 1 ? " column" : " columns") + " renamed");
    }
    return "; its names were bound to this database's (" + String.join("; ", parts) + ")";
  }

  /**
   * The schema of the root table here: a table in the exporting database's default schema is
   * looked for in this one's (none given).
   */
  private static String rootSchema(ModelArchive archive) {
    String schema = archive.space().value("root_schema");
    return schema == null || schema.equals(archive.defaultSchema()) ? null : schema;
  }
}
