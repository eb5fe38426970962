package io.rowspace.engine;

import java.sql.SQLException;

/**
 * An entry of an error catalogue whose errors are reported as {@link SQLException}s: the SQL
 * layer's {@code io.rowspace.sql.error.ErrorCode} (codes from 80001) and multi-table's
 * {@code io.rowspace.multitable.RelatedReadError} (codes from 82001). Each entry holds a
 * {@link Definition}, its stable code (the exception's vendor code, never reused), its SQLSTATE
 * (SPEC section 9) and its message; the exceptions are built here, once for both catalogues.
 *
 * <p>The engine raises none of these (its own failures are {@link EngineError}s, with a kind in
 * place of a SQLSTATE). The type lives here, beside {@link MessageTemplate}, because the two
 * modules whose catalogues use it share only the engine below them; it needs no more of SQL than
 * {@code java.sql.SQLException}.
 */
public interface SqlErrorEntry {
  /** The entry's name (an enum constant's own), named when its message is filled wrongly. */
  String name();

  /** The entry's code, SQLSTATE and message. */
  Definition definition();

  /** The stable number of this error: the vendor code of its exceptions. */
  default int code() {
    return definition().code();
  }

  default String sqlState() {
    return definition().sqlState();
  }

  /** The message with its parameters unfilled, and their count. */
  default MessageTemplate template() {
    return definition().template();
  }

  /**
   * The message with {@code {i}} replaced by the i-th argument.
   *
   * @throws IllegalArgumentException if the count of arguments is not the message's
   */
  default String message(Object... arguments) {
    return template().fill(name(), arguments);
  }

  /** The error as an exception. */
  default SQLException exception(Object... arguments) {
    return new SQLException(message(arguments), sqlState(), code());
  }

  /** The error as an exception with its cause. */
  default SQLException exception(Throwable cause, Object... arguments) {
    return new SQLException(message(arguments), sqlState(), code(), cause);
  }

  /**
   * The error as an exception with another SQLSTATE than the entry's: for errors that pass on the
   * state another system chose (the backing database refusing a connection, the planner), or the
   * entry's own when {@code state} is null.
   */
  default SQLException exceptionWithState(String state, Throwable cause, Object... arguments) {
    return new SQLException(message(arguments), state == null ? sqlState() : state, code(), cause);
  }

  /**
   * What a catalogue entry is defined by.
   *
   * @param code the stable number of the error
   * @param sqlState its SQLSTATE
   * @param template its message, parameters counted
   */
  record Definition(int code, String sqlState, MessageTemplate template) {
    /**
     * A definition from the message's text.
     *
     * @throws IllegalStateException if the message's parameters are not {0} to {n} without gaps
     */
    public Definition(int code, String sqlState, String message) {
      this(code, sqlState, new MessageTemplate(message));
    }
  }
}
