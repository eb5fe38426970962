package io.rowspace.engine;

/**
 * The one exception the engine throws at its callers. Its {@link Kind} tells the SQL layer which
 * SQLSTATE to report; its message names the object at fault and, where one exists, the fix.
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

  private final Kind kind;

  public EngineException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public EngineException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
