package io.rowspace.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
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
        columns, sql)));
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

  private static SqlIdentifier tableIdentifier(TableInfo table) {
    List<String> names = new ArrayList<>();
    if (table.schema() != null) {
      names.add(table.schema());
    }
    names.add(table.name());
    return new SqlIdentifier(names, SqlParserPos.ZERO);
  }
}
