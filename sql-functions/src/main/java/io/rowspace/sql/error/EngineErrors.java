package io.rowspace.sql.error;

import io.rowspace.engine.EngineException;
import io.rowspace.planner.PlanningException;
import java.sql.SQLException;

/**
 * Turns the engine's exceptions into the SQL errors of SPEC section 9: the engine knows no SQL,
 * so its failures carry an entry of its own catalogue, whose kind decides the SQLSTATE here and
 * whose code becomes the exception's vendor code.
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
    switch (e.kind()) {
    case INVALID_OPTION:
      return reported(e, ErrorCode.INVALID_ARGUMENT);
    case UNUSABLE_DATA:
      return reported(e, ErrorCode.UNUSABLE_DATA);
    case CANCELLED:
      return RowspaceErrors.cancelled(what);
    case OUT_OF_MEMORY:
      return RowspaceErrors.outOfMemory(what);
    default:
      return RowspaceErrors.internal(what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * An engine error as the SQL error of its kind: the engine's message and stable code (its
   * catalogue, {@link io.rowspace.engine.EngineError}) with the SQLSTATE of {@code kind}.
   */
  private static SQLException reported(EngineException e, ErrorCode kind) {
    return new SQLException(e.getMessage(), kind.sqlState(), e.code(), e);
  }

  /**
   * Translates the planner's refusal of the related tables a space names (a table missing or
   * unrelated, a join that cannot be made), keeping the SQLSTATE the planner chose.
   */
  public static SQLException translate(PlanningException e) {
    return ErrorCode.RELATED_TABLES_PLAN.exceptionWithState(e.sqlState(), e, e.getMessage());
  }
}
