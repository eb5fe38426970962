package io.rowspace.sql.ddl;

import io.rowspace.engine.EngineException;
import io.rowspace.sql.error.ErrorCode;
import io.rowspace.sql.error.RowspaceErrors;
import java.sql.SQLException;

/** Turns the engine's exceptions into the SQL errors of SPEC section 9. */
final class EngineErrors {
  private EngineErrors() {
  }

  /**
   * Translates an engine failure.
   *
   * @param what the work that failed, as a user would name it, e.g. "CREATE EMBEDDING SPACE S"
   */
  static SQLException translate(EngineException e, String what) {
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
