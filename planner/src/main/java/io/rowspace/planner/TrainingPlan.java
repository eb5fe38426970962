package io.rowspace.planner;

import java.util.List;

/**
 * What training a space will read, step by step: the root table, then each related table, read
 * by batches of keys.
 *
 * @param relations the related tables as a tree hanging from the root
 */
public record TrainingPlan(TableInfo root, List<PlanStep> steps, List<PlannedRelation> relations) {

  public PlanStep rootStep() {
    return steps.stream().filter(s -> s.role() == PlanStep.Role.ROOT).findFirst()
        .orElseThrow(() -> new IllegalStateException("A plan always reads its root table"));
  }

  /** The plan as text, one line per step, for EXPLAIN and logs. */
  public String explain() {
    StringBuilder text = new StringBuilder();
    for (PlanStep step : steps) {
      text.append(step.role()).append(' ').append(step.table()).append(" (")
          .append(step.columns().size()).append(" columns): ").append(step.sql()).append('\n');
    }
    return text.toString();
  }
}
