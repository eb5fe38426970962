package io.rowspace.sql.transfer;

import io.rowspace.engine.data.RelatedSummary;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.Renaming;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.ModelRows;
import io.rowspace.sql.catalog.StoredModel;
import io.rowspace.sql.error.RowspaceErrors;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Binds the names of the tables and columns an imported space reads to those of the importing
 * database. Databases fold unquoted names differently (H2 to upper case, PostgreSQL to lower
 * case), so a model trained on {@code TRAIN(SEX)} in H2 serves from {@code train(sex)} created
 * the ordinary way in PostgreSQL. Each name is looked for as written, then as an unquoted name
 * folds in the importing database, then ignoring case when exactly one name matches; the names
 * the space cannot do without (its used columns, keys and join columns, the columns its related
 * tables' summaries read) must be found, others (excluded columns, a predictor's target) keep
 * their name when they are not.
 */
public final class NameBinding {
  private static final String[] TABLE_TYPES = {"TABLE", "VIEW", "BASE TABLE"};

  private final Connection connection;
  private final SchemaReader reader;
  private final String defaultSchema;
  private final UnaryOperator<String> fold;

  /**
   * @param connection the importing database
   * @param reader reads its tables
   * @param defaultSchema the schema unqualified names resolve in there
   * @param fold folds an unquoted identifier as that database does
   */
  public NameBinding(Connection connection, SchemaReader reader, String defaultSchema,
      UnaryOperator<String> fold) {
    this.connection = connection;
    this.reader = reader;
    this.defaultSchema = defaultSchema;
    this.fold = fold;
  }

  /**
   * What an imported space's names are bound to here.
   *
   * @param rootSchema the schema of its root table here, or null for the default schema
   * @param renaming old table and column names to those of this database
   */
  public record Bound(String rootSchema, Renaming renaming) {}

  /**
   * Binds the names a space and its predictors read.
   *
   * @param space the space's catalog rows
   * @param engine the space itself (its columns and related tables)
   * @param predictors the predictors' catalog rows
   * @param rootSchema the schema of the root table as exported, or null for the default schema
   * @param model how messages name the space, e.g. {@code embedding space 'SHOP'}
   * @throws SQLException 42S02 or 42S22 naming a table or column the space needs that is absent
   *     here or matches several when case is ignored, with the fix
   */
  public Bound bind(StoredModel space, EmbeddingSpace engine, List<StoredModel> predictors,
      String rootSchema, String model) throws SQLException {
    String schema = rootSchema == null ? null : bindSchema(rootSchema);
    String root = space.value("root_table");
    Map<String, Set<String>> needed = new LinkedHashMap<>();
    Map<String, Set<String>> optional = new LinkedHashMap<>();
    columnsOf(needed, root).addAll(ModelRows.jsonList(space.value("key_columns")));
    for (ColumnProfile p : engine.columns()) {
      columnsOf(p.used() ? needed : optional, root).add(p.name());
    }
    for (Relation r : engine.relations()) {
      columnsOf(needed, root).addAll(r.holderColumns());
      relationColumns(r, engine, needed, optional);
    }
    for (Map<String, String> column : space.rows("SPACE_COLUMNS")) {
      String reason = column.get("reason");
      boolean read = "USED".equals(column.get("status")) || (reason != null
          && (reason.startsWith("join column") || reason.startsWith("row key")));
      columnsOf(read ? needed : optional, column.get("table_name"))
          .add(column.get("column_name"));
    }
    for (StoredModel predictor : predictors) {
      if (predictor.value("target") != null) {
        columnsOf(optional, root).add(predictor.value("target"));
      }
      columnsOf(optional, root).addAll(ModelRows.jsonList(predictor.value("input_columns")));
    }
    optional.keySet().forEach(table -> columnsOf(needed, table));

    List<String> tablesHere = tableNames(schema);
    Map<String, String> tables = new LinkedHashMap<>();
    Map<String, Map<String, String>> columns = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> table : needed.entrySet()) {
      List<String> found = candidates(table.getKey(), tablesHere);
      if (found.isEmpty()) {
        throw RowspaceErrors.importMissingTable(model, table.getKey(), tablesHere);
      }
      if (found.size() > 1) {
        throw RowspaceErrors.importAmbiguousTable(model, table.getKey(), found);
      }
      TableInfo info = reader.findTable(schema, found.get(0)).orElseThrow(() ->
          RowspaceErrors.importMissingTable(model, table.getKey(), tablesHere));
      tables.put(table.getKey(), info.name());
      Map<String, String> names = new LinkedHashMap<>();
      for (String column : table.getValue()) {
        List<String> match = candidates(column, info.columnNames());
        if (match.isEmpty()) {
          throw RowspaceErrors.importMissingColumn(model, info.qualifiedName(), column,
              info.columnNames());
        }
        if (match.size() > 1) {
          throw RowspaceErrors.importAmbiguousColumn(model, info.qualifiedName(), column, match);
        }
        names.put(column, match.get(0));
      }
      for (String column : optional.getOrDefault(table.getKey(), Set.of())) {
        List<String> match = candidates(column, info.columnNames());
        names.putIfAbsent(column, match.size() == 1 ? match.get(0) : column);
      }
      columns.put(table.getKey(), names);
    }
    return new Bound(schema, new Renaming(tables, columns));
  }

  /** The columns a relation (and those nested in it) reads of its table. */
  private static void relationColumns(Relation r, EmbeddingSpace engine,
      Map<String, Set<String>> needed, Map<String, Set<String>> optional) {
    Set<String> read = columnsOf(needed, r.table());
    read.addAll(r.tableColumns());
    read.addAll(r.summaryColumns());
    read.addAll(r.shareColumns());
    for (RelatedSummary s : r.summaries()) {
      if (s.kind() != RelatedSummary.Kind.NESTED && !s.column().isEmpty()) {
        read.add(s.column());
      }
    }
    for (ColumnProfile p : engine.relatedColumns().getOrDefault(r, List.of())) {
      columnsOf(p.used() ? needed : optional, r.table()).add(p.name());
    }
    for (Relation n : r.nested()) {
      read.addAll(n.holderColumns());
      relationColumns(n, engine, needed, optional);
    }
  }

  private static Set<String> columnsOf(Map<String, Set<String>> columns, String table) {
    return columns.computeIfAbsent(table, t -> new LinkedHashSet<>());
  }

  /**
   * The names here a model's name binds to: itself, else the name folded as an unquoted name
   * folds here, else those equal to it ignoring case (none, one, or several: ambiguous).
   */
  List<String> candidates(String name, List<String> here) {
    if (here.contains(name)) {
      return List.of(name);
    }
    String folded = fold.apply(name);
    if (here.contains(folded)) {
      return List.of(folded);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return here.stream().filter(h -> h.toLowerCase(Locale.ROOT).equals(lower)).toList();
  }

  /** The schema here for a root table's schema as exported; as it is when none matches. */
  private String bindSchema(String schema) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    List<String> found = candidates(schema, schemas);
    return found.size() == 1 ? found.get(0) : schema;
  }

  private List<String> tableNames(String schema) throws SQLException {
    List<String> names = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getTables(null, schema == null ? defaultSchema : schema, "%",
        TABLE_TYPES)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
