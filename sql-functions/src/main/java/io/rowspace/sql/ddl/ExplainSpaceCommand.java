package io.rowspace.sql.ddl;

import io.rowspace.engine.data.Relation;
import io.rowspace.multitable.RelatedRowReader;
import io.rowspace.multitable.RelationRead;
import io.rowspace.multitable.RelationshipCheck;
import io.rowspace.planner.PlanStep;
import io.rowspace.planner.PlannedRelation;
import io.rowspace.sql.session.SpaceRelations;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlan;
import io.rowspace.sql.parser.SqlExplainEmbeddingSpace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
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
  /** Characters of one line of the plan. */
  private static final int MAX_LINE = 4000;

  private ExplainSpaceCommand() {
  }

  static StatementResult execute(SqlExplainEmbeddingSpace explain, StatementContext context)
      throws SQLException {
    SpacePlan spacePlan = SpacePlan.of(context, explain.create());
    TrainingPlan plan = spacePlan.plan();
    TableInfo root = plan.root();
    SimpleResultSet result = new SimpleResultSet();
    result.addColumn("PLAN", Types.VARCHAR, 4000, 0);
    result.addRow("Embedding space " + explain.create().name() + " on " + root.qualifiedName()
        + " (key " + String.join(", ", root.keyColumns()) + ")");
    PlanStep rootStep = plan.rootStep();
    long rootRows = countRows(context, rootStep);
    result.addRow(String.format(Locale.ROOT, "  ROOT %s: %d rows, %d columns, estimated memory "
        + "%.1f MB", rootStep.table(), rootRows, rootStep.columns().size(),
        rootRows * rootStep.columns().size() * BYTES_PER_CELL / 1e6));
    result.addRow("    SQL: " + rootStep.sql());
    List<PlanStep> related = plan.steps().subList(1, plan.steps().size());
    List<RelationshipCheck.Finding> findings = spacePlan.findings();
    // Related rows are in memory for the rows that train (max_rows of them when set), and per
    // chunk of rows embedded after training; per root row, a child keeps at most
    // ROWS_PER_HOLDER rows per holder row and a parent at most one.
    Map<String, String> options = SpaceOptionsReader.read(explain.create().options());
    long trainingRows = rootRows;
    if (options.containsKey("max_rows")) {
      try {
        trainingRows = Math.min(rootRows, Long.parseLong(options.get("max_rows").strip()));
      } catch (NumberFormatException e) {
        // CREATE reports the invalid option; the estimate then assumes every row.
      }
    }
    long inMemory = Math.max(trainingRows,
        Math.min(rootRows, SpaceRelations.EMBED_CHUNK_ROWS));
    Map<PlannedRelation, Double> perRoot = new java.util.IdentityHashMap<>();
    List<RelationRead> reads = flatten(RelationRead.of(plan.relations()));
    for (int i = 0; i < findings.size(); i++) {
      RelationshipCheck.Finding f = findings.get(i);
      PlannedRelation r = f.relation();
      PlanStep step = related.get(i);
      long relatedRows = r.kind() == PlannedRelation.Kind.CHILD ? f.childRows() : f.parentRows();
      double holderPerRoot = 1;
      for (Map.Entry<PlannedRelation, Double> e : perRoot.entrySet()) {
        if (e.getKey().nested().contains(r)) {
          holderPerRoot = e.getValue();
        }
      }
      double keptPerRoot = holderPerRoot * (r.kind() == PlannedRelation.Kind.CHILD
          ? Math.min(f.meanFanout(), RelatedRowReader.ROWS_PER_HOLDER) : 1);
      perRoot.put(r, keptPerRoot);
      long kept = Math.min(relatedRows, (long) Math.ceil(keptPerRoot * inMemory));
      result.addRow(String.format(Locale.ROOT, "  %s %s (%s, %s from %s): %d rows, fan-out "
          + "mean %.1f max %d, join coverage %.1f%%, %d columns, estimated memory %.1f MB",
          step.role(), r.name(), r.label(), r.joinText(), r.holder().name(), relatedRows,
          f.meanFanout(), f.maxFanout(), 100 * f.coverage(), step.columns().size(),
          kept * step.columns().size() * BYTES_PER_CELL / 1e6));
      result.addRow("    SQL (holder keys bound " + RelatedRowReader.KEYS_PER_QUERY
          + " at a time; no join): " + step.sql());
      if (i < reads.size() && reads.get(i).relation().summaryWidth() > 0) {
        result.addRow(summaryLine(reads.get(i).relation(), r.holder().name()));
      }
      for (String finding : f.findings()) {
        result.addRow("    finding: " + finding);
      }
    }
    for (Map.Entry<String, String> excluded : spacePlan.forcedExclusions().entrySet()) {
      result.addRow("  not learned from: " + excluded.getKey() + " (" + excluded.getValue() + ")");
    }
    return StatementResult.rows(result);
  }

  /**
   * The summaries a relation contributes per holder row, computed inside its keyed reads (over
   * all related rows; one hop further over the rows kept), as the trees, the linear model and
   * the network's related token read them.
   */
  private static String summaryLine(Relation relation, String holder) {
    List<String> names = relation.summaryNames();
    StringBuilder line = new StringBuilder("    summaries per " + holder + " row ("
        + names.size() + "): ");
    for (int i = 0; i < names.size(); i++) {
      String next = (i == 0 ? "" : ", ") + names.get(i);
      if (line.length() + next.length() > MAX_LINE - 20) {
        line.append(", and ").append(names.size() - i).append(" more");
        break;
      }
      line.append(next);
    }
    return line.toString();
  }

  private static List<RelationRead> flatten(List<RelationRead> reads) {
    List<RelationRead> all = new java.util.ArrayList<>();
    for (RelationRead r : reads) {
      all.add(r);
      all.addAll(flatten(r.nested()));
    }
    return all;
  }

  private static long countRows(StatementContext context, PlanStep step) throws SQLException {
    try (Statement statement = context.connection().createStatement();
         ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM (" + step.sql() + ") r")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
