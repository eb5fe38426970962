package io.rowspace.engine;

/**
 * The one exception the engine throws at its callers, always an entry of {@link EngineError}:
 * its {@link Kind} tells the SQL layer which SQLSTATE to report, its code is the entry's stable
 * number, and its message names the object at fault and, where one exists, the fix.
 */
public final class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the terms a caller maps to an SQLSTATE. */
  public enum Kind {
    /** An option or argument has an unknown name or a value outside its domain. */
    INVALID_OPTION,
    /** The data cannot support the request (no usable columns, a target with one value...). */
    UNUSABLE_DATA,
    /** The caller's monitor asked to stop; nothing was produced. */
    CANCELLED,
    /** Native or heap memory ran out. */
    OUT_OF_MEMORY,
    /** A bug or an unexpected native failure. */
    INTERNAL
  }

  private final EngineError error;

  EngineException(EngineError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** The catalogue entry this exception was made from. */
  public EngineError error() {
    return error;
  }

  public Kind kind() {
    return error.kind();
  }

  /** The entry's stable code. */
  public int code() {
    return error.code();
  }
}
