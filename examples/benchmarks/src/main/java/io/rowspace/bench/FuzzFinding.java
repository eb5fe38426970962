package io.rowspace.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A defect the fuzzer found: a statement whose failure was not an SQLException with a SQLSTATE
 * and a user's message, or after which the connection no longer worked.
 *
 * @param index the statement's number in the run (with the seed, enough to replay it)
 * @param sql the statement, cut to 300 characters
 * @param mutations how the statement was made from the corpus
 * @param problem what was wrong
 */
record FuzzFinding(int index, String sql, List<StatementMutator.Kind> mutations,
    String problem) {
  /** Names of Java classes and internals that must never reach a user's message. */
  private static final Pattern INTERNAL_TEXT = Pattern.compile(
      "NullPointer|AssertionError|ClassCast|IndexOutOfBounds|StackOverflow|OutOfMemoryError"
          + "|IllegalStateException|IllegalArgumentException|UnsupportedOperationException"
          + "|NumberFormatException|ArithmeticException|NoSuchElementException"
          + "|UTFDataFormatException|java\\.lang\\.|java\\.util\\.|org\\.apache\\.|\\bat io\\.");

  /**
   * What is wrong with a statement's failure, or null if it is what a user should see: an
   * SQLException with a SQLSTATE other than XX000 (internal) and a message without Java
   * internals.
   */
  static String problemWith(Throwable failure) {
    if (!(failure instanceof SQLException sql)) {
      return "threw " + failure.getClass().getName() + ": " + failure.getMessage();
    }
    String message = sql.getMessage();
    if (sql.getSQLState() == null) {
      return "SQLException without SQLSTATE: " + message;
    }
    if (sql.getSQLState().equals("XX000")) {
      return "internal error [XX000]: " + message;
    }
    if (message == null || message.isBlank() || message.endsWith(": null")) {
      return "no message [" + sql.getSQLState() + "]: " + message;
    }
    if (INTERNAL_TEXT.matcher(message).find()) {
      return "Java internals in the message [" + sql.getSQLState() + "]: " + shorten(message);
    }
    return null;
  }

  static String shorten(String text) {
    if (text == null || text.length() <= 300) {
      return text;
    }
    return text.substring(0, 300) + "…(" + text.length() + " chars)";
  }
}
