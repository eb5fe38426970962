package io.rowspace.planner;

import java.util.List;

/** What training a space will read, step by step. */
public record TrainingPlan(TableInfo root, List<PlanStep> steps) {

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
