package io.rowspace.planner;

/**
 * A plan cannot be made as asked: a listed table is missing or unrelated, or a join is invalid.
 * Carries the SQLSTATE the statement fails with.
 */
public final class PlanningException extends RuntimeException {
  private final String sqlState;

  public PlanningException(String message, String sqlState) {
    super(message);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
