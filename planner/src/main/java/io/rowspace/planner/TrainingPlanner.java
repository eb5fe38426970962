package io.rowspace.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Builds the training plan of a space: the SQL each step sends, generated as a Calcite parse tree
 * and written in the backing database's dialect. Rows are read in key order so the same data
 * always trains the same model.
 */
public final class TrainingPlanner {
  private final SqlDialect dialect;

  public TrainingPlanner(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Plans a space over one table.
   *
   * @param root the root table, with its key columns
   * @param excludedColumns columns the user excluded; key columns are read but not learned from
   */
  public TrainingPlan plan(TableInfo root, Set<String> excludedColumns) {
    List<ColumnInfo> columns = root.columns().stream()
        .filter(c -> !excludedColumns.contains(c.name()) || root.keyColumns().contains(c.name()))
        .toList();
    String sql = select(root, columns.stream().map(ColumnInfo::name).toList());
    return new TrainingPlan(root, List.of(new PlanStep(root.name(), PlanStep.Role.ROOT,
        columns, sql)), List.of());
  }

  /** {@code SELECT columns FROM table ORDER BY key} in the backing dialect. */
  public String select(TableInfo table, List<String> columnNames) {
    SqlParserPos pos = SqlParserPos.ZERO;
    SqlNodeList selectList = new SqlNodeList(pos);
    for (String column : columnNames) {
      selectList.add(new SqlIdentifier(column, pos));
    }
    SqlNodeList orderBy = new SqlNodeList(pos);
    for (String key : table.keyColumns()) {
      orderBy.add(new SqlIdentifier(key, pos));
    }
    SqlNode select = new SqlSelect(pos, null, selectList, tableIdentifier(table), null, null,
        null, null, null, orderBy.isEmpty() ? null : orderBy, null, null, null);
    return select.toSqlString(dialect).getSql();
  }

  /**
   * Plans a space over a root table and its related tables.
   *
   * @param root the root table, with its key columns
   * @param excludedColumns root columns the user excluded
   * @param relations the related tables found by {@link RelationshipPlanner}
   */
  public TrainingPlan plan(TableInfo root, Set<String> excludedColumns,
      List<PlannedRelation> relations) {
    TrainingPlan single = plan(root, excludedColumns);
    List<PlanStep> steps = new ArrayList<>(single.steps());
    for (PlannedRelation top : relations) {
      for (PlannedRelation r : top.flatten()) {
        steps.add(new PlanStep(r.table().name(), r.kind() == PlannedRelation.Kind.CHILD
            ? PlanStep.Role.CHILD : PlanStep.Role.PARENT, r.readColumns(),
            relatedSelect(r, EXPLAIN_KEYS)));
      }
    }
    return new TrainingPlan(root, steps, relations);
  }

  /** Keys shown in the SQL of a related step in plans; reads bind batches of keys. */
  static final int EXPLAIN_KEYS = 2;

  /**
   * The read of a related table for a batch of holder keys: its rows whose join columns match
   * one of {@code keys} holder values (each a {@code ?} parameter, in join-column order), ordered
   * by join columns and key so reads are repeatable. It never joins: the holder's values come as
   * parameters.
   */
  public String relatedSelect(PlannedRelation relation, int keys) {
    SqlParserPos pos = SqlParserPos.ZERO;
    SqlNodeList selectList = new SqlNodeList(pos);
    for (ColumnInfo column : relation.readColumns()) {
      selectList.add(new SqlIdentifier(column.name(), pos));
    }
    List<String> join = relation.tableColumns();
    SqlNode where;
    int parameter = 0;
    if (join.size() == 1) {
      SqlNodeList values = new SqlNodeList(pos);
      for (int k = 0; k < keys; k++) {
        values.add(new SqlDynamicParam(parameter++, pos));
      }
      where = SqlStdOperatorTable.IN.createCall(pos, new SqlIdentifier(join.get(0), pos),
          values);
    } else {
      where = null;
      for (int k = 0; k < keys; k++) {
        SqlNode match = null;
        for (String column : join) {
          SqlNode equals = SqlStdOperatorTable.EQUALS.createCall(pos,
              new SqlIdentifier(column, pos), new SqlDynamicParam(parameter++, pos));
          match = match == null ? equals : SqlStdOperatorTable.AND.createCall(pos, match, equals);
        }
        where = where == null ? match : SqlStdOperatorTable.OR.createCall(pos, where, match);
      }
    }
    SqlNodeList orderBy = new SqlNodeList(pos);
    List<String> order = new ArrayList<>(join);
    for (String key : relation.table().keyColumns()) {
      if (!order.contains(key)) {
        order.add(key);
      }
    }
    for (String column : order) {
      orderBy.add(new SqlIdentifier(column, pos));
    }
    SqlNode select = new SqlSelect(pos, null, selectList, tableIdentifier(relation.table()),
        where, null, null, null, null, orderBy, null, null, null);
    return select.toSqlString(dialect).getSql();
  }

  private static SqlIdentifier tableIdentifier(TableInfo table) {
    List<String> names = new ArrayList<>();
    if (table.schema() != null) {
      names.add(table.schema());
    }
    names.add(table.name());
    return new SqlIdentifier(names, SqlParserPos.ZERO);
  }
}
