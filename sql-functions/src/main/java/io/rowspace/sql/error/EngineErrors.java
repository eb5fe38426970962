package io.rowspace.sql.error;

import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;
import io.rowspace.error.SqlStates;
import io.rowspace.planner.PlanningException;
import java.sql.SQLException;

/**
 * Turns the engine's exceptions into the SQL errors of SPEC section 9. An engine failure is an
 * entry of the one catalogue ({@link ErrorCode}, codes 81001 and up) raised unchecked; it is
 * reported with the entry's own message, SQLSTATE and code, except where the statement's name
 * says more than the engine knows: a cancellation or lack of memory is reported for the statement,
 * and an internal failure names the statement that failed.
 */
public final class EngineErrors {
  private EngineErrors() {
  }

  /**
   * Translates an engine failure.
   *
   * @param what the work that failed, as a user would name it, e.g. "CREATE EMBEDDING SPACE S"
   */
  public static SQLException translate(EngineException e, String what) {
    switch (e.sqlState()) {
    case SqlStates.CANCELLED:
      return RowspaceErrors.cancelled(what);
    case SqlStates.OUT_OF_MEMORY:
      return RowspaceErrors.outOfMemory(what);
    case SqlStates.INTERNAL:
      return RowspaceErrors.internal(what + " failed: " + e.getMessage(), e);
    default:
      return new SQLException(e.getMessage(), e.sqlState(), e.code(), e);
    }
  }

  /**
   * Translates the planner's refusal of the related tables a space names (a table missing or
   * unrelated, a join that cannot be made): its catalogue entry's message, SQLSTATE and code.
   */
  public static SQLException translate(PlanningException e) {
    return new SQLException(e.getMessage(), e.sqlState(), e.code(), e);
  }
}
