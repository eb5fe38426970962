package io.rowspace.planner;

import java.util.List;

/**
 * One read of a training plan: which table, in which role, the columns it reads and the SQL sent
 * to the backing database, already in its dialect.
 */
public record PlanStep(String table, Role role, List<ColumnInfo> columns, String sql) {

  /** How a step's table relates to the root table of the space. */
  public enum Role {
    /** The table whose rows become the space's rows. */
    ROOT,
    /** A table whose rows reference a holder row; read by batches of holder keys. */
    CHILD,
    /** A table a holder row references; read by batches of its keys. */
    PARENT
  }
}
