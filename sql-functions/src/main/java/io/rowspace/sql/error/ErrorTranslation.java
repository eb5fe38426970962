package io.rowspace.sql.error;

import io.rowspace.error.ErrorCode;
import io.rowspace.error.SqlStates;
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
  /** Where Calcite's planner says which kind of relational step it could not implement. */
  private static final Pattern MISSING_CONVERSION =
      Pattern.compile("Missing conversion is Logical(\\w+)");

  private ErrorTranslation() {
  }

  private static final Pattern CALCITE_POSITION = Pattern.compile(
      "^(?:From|At) line (\\d+), column (\\d+)(?: to line (\\d+), column (\\d+))?: (.*)$",
      Pattern.DOTALL);
  /** A column of a backing query ({@code BackingQueryTable}: C1, C2, ...), Rowspace's own name. */
  private static final Pattern BACKING_COLUMN = Pattern.compile("'C\\d+'");
  private static final Pattern QUOTED_NAME = Pattern.compile("'([^']+)'");
  private static final Pattern DOUBLE_QUOTED_NAME = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern INTERNAL_SQL = Pattern.compile(
      "(Error while executing SQL \"|Error while preparing statement \\[)[^\\n]*",
      Pattern.DOTALL);

  /**
   * As {@link #translate(Throwable)}, for a statement the user wrote as {@code userSql} and
   * Rowspace ran rewritten. Calcite validates the user's own parse tree, so a position it gives
   * is in the user's text; a node the rewrite made has none (line 0), and then the position is
   * that of the name the message is about in the user's text. The rewritten query is never
   * shown.
   */
  public static SQLException translate(Throwable error, String userSql) {
    SQLException translated = translate(error);
    String message = translated.getMessage();
    if (message == null) {
      return translated;
    }
    int generated = message.indexOf("; SQL statement:");
    if (generated >= 0) {
      // H2 quotes the statement it refused: here the one Rowspace sent, never shown
      message = message.substring(0, generated).strip();
      translated = new SQLException(message, translated.getSQLState(),
          translated.getErrorCode(), translated.getCause() == null ? translated
              : translated.getCause());
    }
    if ("90016".equals(translated.getSQLState()) || "42803".equals(translated.getSQLState())) {
      // H2's and PostgreSQL's "must be in the GROUP BY list": the model call's inputs, which
      // the query sent to the database reads beside the grouping
      String own = message.replaceFirst("^ERROR: ", "").replaceFirst("\\s*\\[\\d+-\\d+\\]$", "");
      int newline = own.indexOf('\n');
      own = (newline >= 0 ? own.substring(0, newline) : own).strip();
      return ErrorCode.MODEL_INPUTS_NOT_GROUPED.exception(error,
          own.endsWith(".") ? own : own + ".");
    }
    String relocated = message;
    Matcher positioned = CALCITE_POSITION.matcher(message);
    if (positioned.matches()) {
      relocated = positioned.group(5);
      int line = Integer.parseInt(positioned.group(1));
      int column = Integer.parseInt(positioned.group(2));
      boolean point = positioned.group(3) == null;
      String written = UserTextPosition.span(userSql, line, column,
          point ? line : Integer.parseInt(positioned.group(3)),
          point ? column : Integer.parseInt(positioned.group(4)));
      if (written != null) {
        // the backing query's column stands where the user wrote this expression
        relocated = BACKING_COLUMN.matcher(relocated)
            .replaceFirst(Matcher.quoteReplacement("'" + written + "'"));
      }
      Matcher name = QUOTED_NAME.matcher(relocated);
      boolean named = name.find();
      boolean inUserText = !"0".equals(positioned.group(1));
      if (inUserText || named) {
        String where = inUserText
            ? "line " + positioned.group(1) + ", column " + positioned.group(2)
            : UserTextPosition.of(userSql, name.group(1));
        if (where != null) {
          int end = relocated.indexOf('.', named ? name.end() : 0);
          relocated = end < 0 ? relocated + " (" + where + ")"
              : relocated.substring(0, end) + " (" + where + ")" + relocated.substring(end);
        }
      }
    } else if ((SqlStates.UNKNOWN_COLUMN.equals(translated.getSQLState())
        || SqlStates.UNKNOWN_TABLE.equals(translated.getSQLState()))
        && !message.contains("(line ")) {
      // the backing database's refusal of the model-call-free part: its name, in the user's text
      Matcher name = DOUBLE_QUOTED_NAME.matcher(message);
      String where = name.find() ? UserTextPosition.of(userSql, name.group(1)) : null;
      if (where != null) {
        relocated = message.endsWith(".")
            ? message.substring(0, message.length() - 1) + " (" + where + ")."
            : message + " (" + where + ")";
      }
    }
    relocated = INTERNAL_SQL.matcher(relocated).replaceAll("Error while running the query");
    if (relocated.equals(message)) {
      return translated;
    }
    SQLException moved = new SQLException(relocated, translated.getSQLState(),
        translated.getErrorCode(), translated.getCause());
    moved.setStackTrace(translated.getStackTrace());
    return moved;
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
      if (t.getClass().getSimpleName().equals("CannotPlanException")) {
        // Calcite has no implementation of an operator here (PERCENTILE_CONT beside a model
        // call, ...): its message is a dump of its planner, so say which kind of step it is
        Matcher missing = MISSING_CONVERSION.matcher(String.valueOf(t.getMessage()));
        String kind = missing.find() ? missing.group(1) : "";
        String step = kind.equals("Aggregate")
            ? "an aggregate of it (such as PERCENTILE_CONT ... WITHIN GROUP)"
            : kind.equals("Window") ? "a window function of it" : "a part of it";
        return ErrorCode.UNPLANNABLE_BESIDE_MODEL_CALL.exception(error, step);
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
