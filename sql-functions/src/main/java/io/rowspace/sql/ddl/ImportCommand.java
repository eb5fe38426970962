package io.rowspace.sql.ddl;

import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.ModelRows;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.catalog.StoredModel;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlImportModel;
import io.rowspace.sql.parser.SqlModelKind;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.transfer.ModelArchive;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Executes {@code IMPORT [OR REPLACE] PREDICTOR | EMBEDDING SPACE [name] FROM 'file'}: reads a
 * {@link ModelArchive}, checks that the tables and columns the space reads exist here, and stores
 * the models as new current versions in one catalog transaction.
 *
 * <p>IMPORT PREDICTOR stores the predictor (under {@code name}, if given) and its space under the
 * space's exported name; a space of that name with the same weights is used as it is. IMPORT
 * EMBEDDING SPACE stores the space (under {@code name}, if given) and its predictors under their
 * names. A model whose name is taken is refused (42710) unless OR REPLACE, which keeps the model
 * there as a former version, as CREATE OR REPLACE does.
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
      throw RowspaceErrors.invalidArgument("File '" + fileText + "' holds " + archive.kind()
          .label() + " '" + archive.name() + "' (written by EXPORT " + archive.kind().keywords()
          + "); import it with IMPORT " + archive.kind().keywords() + ".");
    }
    String given = statement.name() == null ? null
        : ObjectNames.newModelName(statement.name(), statement.kind().description());
    Catalog catalog = session.catalog();
    StoredModel space = archive.space();
    String spaceName;
    Map<String, StoredModel> predictors = new LinkedHashMap<>();
    if (kind == ModelKind.PREDICTOR) {
      StoredModel predictor = archive.predictors().stream()
          .filter(p -> p.name().equals(archive.name())).findFirst()
          .orElseThrow(() -> RowspaceErrors.unusableData("File '" + fileText + "' is damaged: "
              + "it holds no predictor '" + archive.name() + "'. Export it again."));
      spaceName = space.name();
      predictors.put(given == null ? predictor.name() : given, predictor);
      Optional<SpaceRecord> there = catalog.findSpace(spaceName);
      if (there.isPresent() && there.get().checksum().equals(space.value("checksum"))) {
        space = null; // the very space it was trained on is here already
      } else if (there.isPresent() && !statement.replace()) {
        throw new SQLException("Embedding space '" + spaceName + "', which predictor '"
            + predictor.name() + "' needs, already exists here with other weights. Use IMPORT "
            + "OR REPLACE PREDICTOR to replace the space too (its present version is kept for "
            + "ALTER EMBEDDING SPACE " + spaceName + " ROLLBACK TO VERSION, and its other "
            + "predictors become STALE), or DROP EMBEDDING SPACE " + spaceName + " first.",
            "42710");
      }
    } else {
      spaceName = given == null ? space.name() : given;
      if (catalog.findSpace(spaceName).isPresent() && !statement.replace()) {
        throw RowspaceErrors.spaceExists(spaceName);
      }
      archive.predictors().forEach(p -> predictors.put(p.name(), p));
    }
    if (!statement.replace()) {
      for (String name : predictors.keySet()) {
        if (catalog.findPredictor(name).isPresent()) {
          throw RowspaceErrors.predictorExists(name);
        }
      }
    }
    Map<String, Object> spaceRow = new HashMap<>();
    String rootSchema = rootSchema(archive);
    spaceRow.put("root_schema", rootSchema);
    checkTables(archive.space(), spaceName, rootSchema);
    StoredModel.storeAll(catalog, space, spaceName, spaceRow, predictors);
    session.models().evictSpace(spaceName);
    predictors.keySet().forEach(session.models()::evictPredictor);
    context.warn("Imported " + (space == null ? "" : "embedding space '" + spaceName + "'"
        + (predictors.isEmpty() ? "" : " and ")) + (predictors.isEmpty() ? ""
            : (predictors.size() == 1 ? "predictor " : "predictors ")
                + String.join(", ", predictors.keySet()))
        + " from '" + fileText + "' (exported from " + archive.database() + " at "
        + archive.exportedAt() + ")" + (space == null ? "; embedding space '" + spaceName
            + "' was here already with the same weights" : "") + ".");
    return StatementResult.count((space == null ? 0 : 1) + predictors.size());
  }

  /**
   * The schema of the root table here: a table in the exporting database's default schema is
   * looked for in this one's (none given).
   */
  private static String rootSchema(ModelArchive archive) {
    String schema = archive.space().value("root_schema");
    return schema == null || schema.equals(archive.defaultSchema()) ? null : schema;
  }

  /**
   * Checks that the tables and columns the space reads (used columns, keys, join columns)
   * exist here: 42S02 or 42S22 naming the first missing one.
   */
  private void checkTables(StoredModel space, String spaceName, String rootSchema)
      throws SQLException {
    String model = "embedding space '" + spaceName + "'";
    String rootTable = space.value("root_table");
    Map<String, Set<String>> needed = new LinkedHashMap<>();
    needed.put(rootTable, new LinkedHashSet<>(
        ModelRows.jsonList(space.value("key_columns"))));
    for (Map<String, String> column : space.rows("SPACE_COLUMNS")) {
      String reason = column.get("reason");
      boolean read = "USED".equals(column.get("status"))
          || (reason != null && (reason.startsWith("join column") || reason.startsWith("row key")));
      if (read) {
        needed.computeIfAbsent(column.get("table_name"), t -> new LinkedHashSet<>())
            .add(column.get("column_name"));
      }
    }
    SchemaReader reader = ObjectNames.schemaReader(session, context.connection());
    for (Map.Entry<String, Set<String>> table : needed.entrySet()) {
      Optional<TableInfo> info = reader.findTable(rootSchema, table.getKey());
      if (info.isEmpty()) {
        List<String> existing = reader.tableNames();
        String similar = existing.stream()
            .filter(t -> t.toLowerCase(Locale.ROOT)
                .equals(table.getKey().toLowerCase(Locale.ROOT)))
            .findFirst().orElse(null);
        throw RowspaceErrors.importMissingTable(model, table.getKey(), similar, existing);
      }
      for (String column : table.getValue()) {
        if (info.get().column(column).isEmpty()) {
          throw RowspaceErrors.importMissingColumn(model, info.get().qualifiedName(), column,
              info.get().columnNames());
        }
      }
    }
  }
}
