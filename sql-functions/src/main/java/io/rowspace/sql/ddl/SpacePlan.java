package io.rowspace.sql.ddl;

import io.rowspace.error.ErrorCode;
import io.rowspace.multitable.RelationshipCheck;
import io.rowspace.planner.PlannedRelation;
import io.rowspace.planner.PlanningException;
import io.rowspace.planner.RelationshipPlanner;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlan;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.sql.error.EngineErrors;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlCreateEmbeddingSpace;
import io.rowspace.sql.parser.SqlInclude;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * What CREATE EMBEDDING SPACE (and its EXPLAIN, and a continued training) will read: the root
 * table and the related tables, resolved and validated, the root columns kept out of learning
 * with the reason, and what the validation of the joins found.
 */
record SpacePlan(TrainingPlan plan, Map<String, String> forcedExclusions,
    List<RelationshipCheck.Finding> findings) {

  /** Resolves the statement's tables and columns and plans the reads; shared with EXPLAIN. */
  static SpacePlan of(StatementContext context, SqlCreateEmbeddingSpace create)
      throws SQLException {
    return of(context, create, null);
  }

  /**
   * {@link #of(StatementContext, SqlCreateEmbeddingSpace)} with the related tables given
   * ({@code kept}: those of the space a continued training extends) instead of planned.
   */
  static SpacePlan of(StatementContext context, SqlCreateEmbeddingSpace create,
      List<PlannedRelation> kept) throws SQLException {
    RowspaceSession session = context.session();
    TableInfo root = ObjectNames.table(session, context.connection(), create.rootTable());
    if (root.keyColumns().isEmpty()) {
      String idType = session.database().isPostgres() ? "SERIAL" : "IDENTITY";
      throw ErrorCode.NO_ROW_KEY.exception(root.qualifiedName(), idType);
    }
    Map<String, String> exclusions = new LinkedHashMap<>();
    for (String key : root.keyColumns()) {
      exclusions.put(key, "row key (identifies rows; used by SIMILAR_ROWS)");
    }
    Set<String> excluded = new LinkedHashSet<>();
    Map<String, SqlIdentifier> relatedExcluded = new LinkedHashMap<>();
    for (SqlIdentifier column : create.excludedColumns()) {
      String columnName = column.names.get(column.names.size() - 1);
      if (column.names.size() > 1) {
        String table = column.names.get(column.names.size() - 2);
        if (!table.equals(root.name())) {
          relatedExcluded.put(table + "." + columnName, column);
          continue;
        }
      }
      if (root.column(columnName).isEmpty()) {
        throw RowspaceErrors.unknownColumn(root.qualifiedName(), columnName, root.columnNames());
      }
      excluded.add(columnName);
      exclusions.putIfAbsent(columnName, "excluded by EXCLUDE COLUMNS");
    }
    List<PlannedRelation> relations = kept != null ? kept
        : relations(context, create, root, relatedExcluded.keySet());
    checkRelatedExclusions(relations, relatedExcluded, root);
    for (PlannedRelation r : relations) {
      if (r.kind() == PlannedRelation.Kind.PARENT) {
        for (String column : r.holderColumns()) {
          exclusions.putIfAbsent(column, "join column of " + r.name()
              + " (its row is a token of the space)");
        }
      }
    }
    List<RelationshipCheck.Finding> findings;
    try {
      findings = new RelationshipCheck(context.connection(), session.dialect()).check(relations);
    } catch (PlanningException e) {
      throw EngineErrors.translate(e);
    }
    TrainingPlan plan = new TrainingPlanner(session.dialect()).plan(root, excluded, relations);
    return new SpacePlan(plan, exclusions, findings);
  }

  /** The related tables: those listed, or found through declared keys, or none. */
  private static List<PlannedRelation> relations(StatementContext context,
      SqlCreateEmbeddingSpace create, TableInfo root, Set<String> excluded) throws SQLException {
    if (create.noRelatedTables()) {
      return List.of();
    }
    RowspaceSession session = context.session();
    List<RelationshipPlanner.Include> includes = new ArrayList<>();
    for (SqlInclude include : create.includes()) {
      SqlIdentifier table = include.table();
      String tableName = session.database().fold(table.names.get(table.names.size() - 1));
      String via = include.via() == null ? null
          : session.database().fold(include.via().getSimple());
      includes.add(new RelationshipPlanner.Include(tableName, via));
    }
    SchemaReader reader = new SchemaReader(context.connection(),
        session.database().defaultSchema(), session.dialect());
    try {
      return new RelationshipPlanner(reader, root.schema()).plan(root, includes, excluded);
    } catch (PlanningException e) {
      throw EngineErrors.translate(e);
    }
  }

  /** Every {@code EXCLUDE COLUMNS (t.c)} must name a column of a table in the space. */
  private static void checkRelatedExclusions(List<PlannedRelation> relations,
      Map<String, SqlIdentifier> excluded, TableInfo root) throws SQLException {
    Map<String, TableInfo> tables = new LinkedHashMap<>();
    tables.put(root.name(), root);
    for (PlannedRelation top : relations) {
      for (PlannedRelation r : top.flatten()) {
        tables.put(r.table().name(), r.table());
      }
    }
    for (Map.Entry<String, SqlIdentifier> e : excluded.entrySet()) {
      List<String> names = e.getValue().names;
      String table = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
      String column = names.get(names.size() - 1);
      TableInfo info = tables.get(table);
      if (info == null) {
        throw RowspaceErrors.unknownTable(table, List.copyOf(tables.keySet()));
      }
      if (info.column(column).isEmpty()) {
        throw RowspaceErrors.unknownColumn(info.qualifiedName(), column, info.columnNames());
      }
    }
  }
}
