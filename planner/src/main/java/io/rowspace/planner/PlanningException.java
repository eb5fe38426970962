package io.rowspace.planner;

import io.rowspace.error.ErrorCode;

/**
 * A plan cannot be made as asked: a listed table is missing or unrelated, or a join is invalid.
 * Made from an entry of the error catalogue (codes 83001 and up), whose SQLSTATE and code the
 * statement fails with.
 */
public final class PlanningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode error;

  /**
   * The refusal {@code error}, its message filled with {@code arguments}.
   *
   * @throws IllegalArgumentException if the count of arguments is not the message's
   */
  public PlanningException(ErrorCode error, Object... arguments) {
    super(error.message(arguments));
    this.error = error;
  }

  public String sqlState() {
    return error.sqlState();
  }

  /** The entry's stable code. */
  public int code() {
    return error.code();
  }
}
