package io.rowspace.sql.ddl;

import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.error.ErrorCode;
import io.rowspace.multitable.RelationRead;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlContinueTraining;
import io.rowspace.sql.parser.SqlCreateEmbeddingSpace;
import io.rowspace.sql.parser.SqlOption;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.session.SpaceRelations;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Executes {@code ALTER EMBEDDING SPACE name ADD COLUMNS (c, ...) [WITH (...)]} and
 * {@code ALTER EMBEDDING SPACE name REFRESH [WITH (...)]}: a new version of the space whose
 * training continues from the current version's weights on the root table's current rows, with
 * the added columns of the root table (their encoders and tokens fresh, the rest kept) or none
 * (REFRESH), for a third of the current version's epochs unless {@code epochs} says otherwise.
 * A space over related tables keeps its relations (join columns, summaries and their reference
 * times, encoders and weights of their tokens) and trains on their current rows, read for the
 * root's current rows as at query time, so rows added to the root and to related tables since
 * take part. It is stored as CREATE OR REPLACE stores a space (one transaction, the former
 * version kept); its predictors become STALE as after any replacement, or are re-fitted on the
 * new version {@code WITH (refit_predictors = true)}.
 */
final class ExtendSpaceCommand {
  /** Options of the current version that the new one keeps: its shape and its training. */
  private static final List<String> KEPT_OPTIONS = List.of("d_model", "layers", "heads",
      "batch_size", "learning_rate", "seed", "validation_fraction", "sentence_model",
      "max_rows", "temperature");
  private static final Set<String> SHAPE = Set.of("d_model", "layers", "heads");

  private ExtendSpaceCommand() {
  }

  static StatementResult execute(SqlContinueTraining add, StatementContext context)
      throws SQLException {
    RowspaceSession session = context.session();
    Catalog catalog = session.catalog();
    String name = ObjectNames.modelName(add.name(), "an embedding space");
    SpaceRecord record = catalog.spaces().find(name)
        .orElseThrow(() -> ExportCommand.unknown(catalog, ModelKind.SPACE, name));
    EmbeddingSpace base = session.models().space(catalog, record);
    TableInfo root = ObjectNames.storedTable(session, context.connection(), record.rootSchema(),
        record.rootTable());
    // The related tables as the space reads them at query time: its relations, their current
    // rows. Their root columns (the key, foreign keys) are read and never learned from.
    List<RelationRead> related = base.relations().isEmpty() ? List.of()
        : SpaceRelations.reads(session, context.connection(), record.rootSchema(), root, base);
    Set<String> links = SpaceRelations.linkColumns(base);
    Set<String> used = new LinkedHashSet<>();
    for (ColumnProfile column : base.columns()) {
      if (column.used()) {
        used.add(column.name());
        if (root.column(column.name()).isEmpty()) {
          throw RowspaceErrors.unknownColumn(root.qualifiedName(), column.name(),
              root.columnNames());
        }
      }
    }
    Set<String> added = new LinkedHashSet<>();
    for (SqlIdentifier column : add.columns()) {
      String columnName = column.getSimple();
      if (root.column(columnName).isEmpty()) {
        throw RowspaceErrors.unknownColumn(root.qualifiedName(), columnName, root.columnNames());
      }
      if (used.contains(columnName) || root.keyColumns().contains(columnName)
          || links.contains(columnName) || !added.add(columnName)) {
        throw ErrorCode.COLUMN_NOT_ADDABLE.exception(columnName, name,
            root.keyColumns().contains(columnName) ? "the row key of " + root.qualifiedName()
                : links.contains(columnName) ? "the join column of a related table (its rows "
                    + "are a token of the space)"
                : used.contains(columnName) ? "in the space already" : "named twice",
            root.qualifiedName());
      }
    }
    List<SqlNode> excluded = new ArrayList<>();
    for (String column : root.columnNames()) {
      if (!used.contains(column) && !added.contains(column)
          && !root.keyColumns().contains(column) && !links.contains(column)) {
        excluded.add(new SqlIdentifier(column, SqlParserPos.ZERO));
      }
    }
    Map<String, String> options = options(base, SpaceOptionsReader.read(add.options()), name);
    List<SqlNode> optionNodes = new ArrayList<>();
    options.forEach((key, value) -> optionNodes.add(new SqlOption(SqlParserPos.ZERO,
        new SqlIdentifier(key, SqlParserPos.ZERO),
        SqlLiteral.createCharString(value, SqlParserPos.ZERO))));
    List<String> table = record.rootSchema() == null ? List.of(record.rootTable())
        : List.of(record.rootSchema(), record.rootTable());
    SqlCreateEmbeddingSpace create = new SqlCreateEmbeddingSpace(SqlParserPos.ZERO, true, false,
        new SqlIdentifier(name, SqlParserPos.ZERO), new SqlIdentifier(table, SqlParserPos.ZERO),
        SqlNodeList.EMPTY, true, new SqlNodeList(excluded, SqlParserPos.ZERO),
        new SqlNodeList(optionNodes, SqlParserPos.ZERO));
    context.warn("Embedding space '" + name + "': training continues from version "
        + record.version() + (added.isEmpty() ? " on the current rows"
            : " with the added " + (added.size() == 1 ? "column " : "columns ")
                + String.join(", ", added))
        + " for " + options.get("epochs") + " epochs.");
    return new CreateEmbeddingSpaceCommand(create, context, base, added, related).execute();
  }

  /**
   * The options of the continued training: the current version's shape and training options,
   * a third of its epochs (at least one), then the statement's own (not the shape).
   */
  private static Map<String, String> options(EmbeddingSpace base, Map<String, String> given,
      String name) throws SQLException {
    Map<String, String> options = new LinkedHashMap<>();
    for (String key : KEPT_OPTIONS) {
      String value = base.options().get(key);
      if (value != null) {
        options.put(key, value);
      }
    }
    int epochs = Integer.parseInt(base.options().getOrDefault("epochs",
        Integer.toString(base.epochs())));
    options.put("epochs", Integer.toString(Math.max(1, (epochs + 2) / 3)));
    if ("true".equals(given.get("async"))) {
      throw ErrorCode.ASYNC_NOT_AVAILABLE.exception(name);
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (SHAPE.contains(e.getKey()) && !e.getValue().equals(options.get(e.getKey()))) {
        throw ErrorCode.SHAPE_OPTION_FIXED.exception(e.getKey(), name, options.get(e.getKey()));
      }
      options.put(e.getKey(), e.getValue());
    }
    return options;
  }
}
