package io.rowspace.sql.error;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what comes out of Calcite into the errors of SPEC section 9. Calcite wraps the errors of
 * functions and of the backing database in its own, without SQLSTATE; the original is found in
 * the cause chain, and Calcite's validation messages are given their SQLSTATE.
 */
public final class ErrorTranslation {
  private static final Pattern UNKNOWN_OBJECT = Pattern.compile("Object '([^']*)' not found");
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']*)' not found");

  private ErrorTranslation() {
  }

  public static SQLException translate(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RowspaceRuntimeException rowspace) {
        return rowspace.sqlException();
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
    if (error instanceof SQLException sql) {
      // Calcite's JDBC layer (Avatica) reports a cancelled statement without a SQLSTATE.
      if ("Statement canceled".equals(sql.getMessage())) {
        return RowspaceErrors.cancelled("The query");
      }
      return sql;
    }
    return RowspaceErrors.internal(String.valueOf(error.getMessage()), error);
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
