package io.rowspace.sql.error;

import io.rowspace.engine.EngineException;
import java.sql.SQLException;

/**
 * Turns the engine's exceptions into the SQL errors of SPEC section 9: the engine knows no SQL,
 * so its failures carry a kind, which decides the catalogue entry here.
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
      return ErrorCode.INVALID_ARGUMENT.exception(e, e.getMessage());
    case UNUSABLE_DATA:
      return ErrorCode.UNUSABLE_DATA.exception(e, e.getMessage());
    case CANCELLED:
      return RowspaceErrors.cancelled(what);
    case OUT_OF_MEMORY:
      return RowspaceErrors.outOfMemory(what);
    default:
      return RowspaceErrors.internal(what + " failed: " + e.getMessage(), e);
    }
  }
}
