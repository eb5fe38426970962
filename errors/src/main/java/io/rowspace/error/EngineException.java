package io.rowspace.error;

/**
 * The one exception the engine throws at its callers, always made from an {@link ErrorCode}
 * entry ({@link ErrorCode#failure}): unchecked, because the engine knows no SQL, yet carrying the
 * entry's stable code and SQLSTATE, which the SQL layer reports as they are; its message names the
 * object at fault and, where one exists, the fix.
 */
public final class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode error;

  EngineException(ErrorCode error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** The catalogue entry this exception was made from. */
  public ErrorCode error() {
    return error;
  }

  /** The entry's SQLSTATE (SPEC section 9). */
  public String sqlState() {
    return error.sqlState();
  }

  /** The entry's stable code. */
  public int code() {
    return error.code();
  }
}
