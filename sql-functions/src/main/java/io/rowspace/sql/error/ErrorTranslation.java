package io.rowspace.sql.error;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what comes out of Calcite into the errors of SPEC section 9. Calcite wraps the errors of
 * functions and of the backing database in its own, without SQLSTATE; the original is found in
 * the cause chain, and Calcite's validation messages are given their SQLSTATE. Java failures of
 * Calcite's generated code (casts, arithmetic) become data exceptions (22xxx), a stack overflow
 * 54001; nothing leaves here without a SQLSTATE.
 */
public final class ErrorTranslation {
  private static final Pattern UNKNOWN_OBJECT = Pattern.compile("Object '([^']*)' not found");
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']*)' not found");
  private static final Pattern DATETIME_VALUE =
      Pattern.compile("^Invalid (DATE|TIME|TIMESTAMP)\\b.* value");

  /** How Calcite says it has no code for a plan, e.g. for a comparison of text with an INTERVAL. */
  private static final String UNIMPLEMENTED = "Unable to implement ";

  private ErrorTranslation() {
  }

  public static SQLException translate(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RowspaceRuntimeException rowspace) {
        return rowspace.sqlException();
      }
      if (t instanceof StackOverflowError) {
        return RowspaceErrors.tooComplex("");
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("CalciteContextException")
          || t.getClass().getSimpleName().equals("SqlValidatorException")) {
        return validation(t.getMessage(), error);
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql;
      }
    }
    if (error instanceof SQLException sql
        && "Statement canceled".equals(sql.getMessage())) {
      // Calcite's JDBC layer (Avatica) reports a cancelled statement without a SQLSTATE.
      return RowspaceErrors.cancelled("The query");
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      SQLException data = dataError(t, error);
      if (data != null) {
        return data;
      }
    }
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith(UNIMPLEMENTED)) {
        return RowspaceErrors.unsupportedExpression();
      }
    }
    String detail = null;
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null) {
        detail = t.getMessage();
      }
    }
    return RowspaceErrors.internal("Internal error while running the query"
        + (detail == null ? "" : ": " + detail) + ". Please report it with the statement.",
        error);
  }

  /**
   * The SQL error for what the generated code of a query throws when a value does not fit, or
   * null: Calcite runs casts and arithmetic in Java, so their failures arrive as Java exceptions.
   */
  private static SQLException dataError(Throwable t, Throwable error) {
    String message = t.getMessage();
    if (t instanceof NumberFormatException) {
      return new SQLException("A value could not be read as a number"
          + (message == null ? "" : " (" + message.replace("For input string: ", "") + ")")
          + ". Cast it explicitly or compare it with a value of its own type.",
          SqlStates.INVALID_CHARACTER_VALUE, error);
    }
    if (message != null && message.startsWith("Invalid character for cast")) {
      // Calcite's runtime, e.g. a label compared with TRUE: CAST('no' AS BOOLEAN).
      return new SQLException(message + ". Compare the value with one of its own type.",
          SqlStates.INVALID_CHARACTER_VALUE, error);
    }
    if (message != null && DATETIME_VALUE.matcher(message).find()) {
      // Calcite's runtime, e.g. a text column compared with a TIMESTAMP literal.
      return new SQLException(message + ". Compare the value with one of its own type.",
          SqlStates.INVALID_DATETIME, error);
    }
    if (message != null && message.endsWith("due to overflow")) {
      return new SQLException(message + ".", SqlStates.NUMERIC_OUT_OF_RANGE, error);
    }
    if (t instanceof ArithmeticException && message != null && message.contains("by zero")) {
      return new SQLException("Division by zero.", SqlStates.DIVISION_BY_ZERO, error);
    }
    if (t instanceof ArithmeticException) {
      return new SQLException("Numeric value out of range or invalid"
          + (message == null ? "" : " (" + message + ")") + ".",
          SqlStates.NUMERIC_OUT_OF_RANGE, error);
    }
    return null;
  }

  private static SQLException validation(String message, Throwable cause) {
    Matcher column = UNKNOWN_COLUMN.matcher(message);
    if (column.find()) {
      return new SQLException(message, SqlStates.UNKNOWN_COLUMN, cause);
    }
    Matcher object = UNKNOWN_OBJECT.matcher(message);
    if (object.find()) {
      return new SQLException(message + ". Check the table name; unquoted names are folded "
          + "the way the backing database folds them.", SqlStates.UNKNOWN_TABLE, cause);
    }
    return new SQLException(message, SqlStates.SYNTAX, cause);
  }
}
