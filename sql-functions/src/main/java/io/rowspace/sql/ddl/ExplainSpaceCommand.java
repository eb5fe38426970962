package io.rowspace.sql.ddl;

import io.rowspace.planner.PlanStep;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlan;
import io.rowspace.sql.parser.SqlExplainEmbeddingSpace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import org.h2.tools.SimpleResultSet;

/**
 * Executes {@code EXPLAIN PLAN FOR CREATE EMBEDDING SPACE}: the training plan as text, one line
 * per row in column {@code PLAN}, without training.
 */
final class ExplainSpaceCommand {
  /** Bytes a row of one column takes while training: raw value, encoded token, gradients. */
  private static final long BYTES_PER_CELL = 64;

  private ExplainSpaceCommand() {
  }

  static StatementResult execute(SqlExplainEmbeddingSpace explain, StatementContext context)
      throws SQLException {
    CreateEmbeddingSpaceCommand.SpacePlan spacePlan =
        CreateEmbeddingSpaceCommand.plan(context, explain.create());
    TrainingPlan plan = spacePlan.plan();
    TableInfo root = plan.root();
    SimpleResultSet result = new SimpleResultSet();
    result.addColumn("PLAN", Types.VARCHAR, 4000, 0);
    result.addRow("Embedding space " + explain.create().name() + " on " + root.qualifiedName()
        + " (key " + String.join(", ", root.keyColumns()) + ")");
    for (PlanStep step : plan.steps()) {
      long rows = countRows(context, step);
      long memory = rows * step.columns().size() * BYTES_PER_CELL;
      result.addRow(String.format(Locale.ROOT, "  %s %s: %d rows, %d columns, fan-out 1, "
          + "join coverage 100%%, estimated memory %.1f MB", step.role(), step.table(), rows,
          step.columns().size(), memory / 1e6));
      result.addRow("    SQL: " + step.sql());
    }
    for (Map.Entry<String, String> excluded : spacePlan.forcedExclusions().entrySet()) {
      result.addRow("  not learned from: " + excluded.getKey() + " (" + excluded.getValue() + ")");
    }
    return StatementResult.rows(result);
  }

  private static long countRows(StatementContext context, PlanStep step) throws SQLException {
    try (Statement statement = context.connection().createStatement();
         ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM (" + step.sql() + ") r")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
