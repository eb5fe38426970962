package io.rowspace.sql.error;

import java.sql.SQLException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Every error message Rowspace gives a user, in one place. Each names the object concerned and,
 * where there is one, the fix; each carries the SQLSTATE of {@link SqlStates}.
 */
public final class RowspaceErrors {
  private RowspaceErrors() {
  }

  public static SQLException syntax(String detail, int line, int column) {
    return new SQLException(
        "Syntax error at line " + line + ", column " + column + ": " + detail, SqlStates.SYNTAX);
  }

  public static SQLException unknownTable(String table, Collection<String> existing) {
    return new SQLException("Table '" + table + "' does not exist. "
        + listOrNone("Existing tables", existing), SqlStates.UNKNOWN_TABLE);
  }

  public static SQLException unknownColumn(String table, String column,
      Collection<String> existing) {
    return new SQLException("Column '" + column + "' does not exist in table '" + table + "'. "
        + listOrNone("Its columns", existing), SqlStates.UNKNOWN_COLUMN);
  }

  public static SQLException unknownSpace(String space, Collection<String> existing) {
    return new SQLException("Embedding space '" + space + "' does not exist. "
        + listOrNone("Existing embedding spaces", existing)
        + " Create it with CREATE EMBEDDING SPACE " + space + " ON <table>.",
        SqlStates.UNKNOWN_OBJECT);
  }

  public static SQLException unknownPredictor(String predictor, Collection<String> existing) {
    return new SQLException("Predictor '" + predictor + "' does not exist. "
        + listOrNone("Existing predictors", existing)
        + " Create it with CREATE PREDICTOR " + predictor + " ON <space> TARGET <column>.",
        SqlStates.UNKNOWN_OBJECT);
  }

  public static SQLException spaceExists(String space) {
    return new SQLException("Embedding space '" + space + "' already exists. Use CREATE OR REPLACE "
        + "EMBEDDING SPACE to replace it, IF NOT EXISTS to keep it, or DROP EMBEDDING SPACE "
        + space + " first.", SqlStates.ALREADY_EXISTS);
  }

  public static SQLException predictorExists(String predictor) {
    return new SQLException("Predictor '" + predictor + "' already exists. Use CREATE OR REPLACE "
        + "PREDICTOR to replace it, IF NOT EXISTS to keep it, or DROP PREDICTOR " + predictor
        + " first.", SqlStates.ALREADY_EXISTS);
  }

  public static SQLException spaceInUse(String space, Collection<String> predictors) {
    return new SQLException("Embedding space '" + space + "' is used by predictors "
        + String.join(", ", predictors) + ". Drop them first, or use DROP EMBEDDING SPACE "
        + space + " CASCADE.", SqlStates.DEPENDENT_OBJECTS);
  }

  /** PREDICT (or any use) of a predictor whose space was replaced after it was trained. */
  public static SQLException stalePredictor(String predictor, String space, String target) {
    return new SQLException("Predictor '" + predictor + "' is STALE: embedding space '" + space
        + "' was replaced after it was trained, so its inputs changed meaning. Re-train it with "
        + "CREATE OR REPLACE PREDICTOR " + predictor + " ON EMBEDDING SPACE " + space
        + " TARGET " + target + ", or replace the space WITH (refit_predictors = true), which "
        + "re-fits its predictors.", SqlStates.OBJECT_NOT_IN_STATE);
  }

  // ---------------------------------------------------------------- EXPORT and IMPORT

  /** EXPORT or IMPORT on a connection that may not use the files of the process. */
  public static SQLException noFileAccess(String statement) {
    return new SQLException(statement + " reads or writes a file of the process running "
        + "Rowspace, which only a user with role admin may do on a Rowspace server. Ask an admin "
        + "to run it.", SqlStates.INSUFFICIENT_PRIVILEGE);
  }

  /** IMPORT of a model whose table is absent; {@code similar} is a name that differs in case. */
  public static SQLException importMissingTable(String model, String table,
      Collection<String> existing) {
    return new SQLException("Table '" + table + "', which " + model + " was trained on, does "
        + "not exist in this database (looked for as written, as an unquoted name folds here and "
        + "in any case). " + listOrNone("Existing tables", existing)
        + " Create the table with the model's columns before IMPORT.", SqlStates.UNKNOWN_TABLE);
  }

  /** IMPORT of a model whose table matches several tables here when case is ignored. */
  public static SQLException importAmbiguousTable(String model, String table,
      Collection<String> candidates) {
    return new SQLException("Table '" + table + "', which " + model + " was trained on, matches "
        + "several tables of this database when case is ignored (" + String.join(", ", candidates)
        + ") and none exactly or as an unquoted name folds here. Rename or drop all but one of "
        + "them (or create '" + table + "' with that exact name) before IMPORT.",
        SqlStates.UNKNOWN_TABLE);
  }

  /** IMPORT of a model whose column is absent. */
  public static SQLException importMissingColumn(String model, String table, String column,
      Collection<String> existing) {
    return new SQLException("Column '" + column + "' of table '" + table + "', which " + model
        + " reads, does not exist in this database (looked for as written, as an unquoted name "
        + "folds here and in any case). " + listOrNone("Its columns", existing)
        + " Add the column (same name, same kind of values) before IMPORT.",
        SqlStates.UNKNOWN_COLUMN);
  }

  /** IMPORT of a model whose column matches several columns here when case is ignored. */
  public static SQLException importAmbiguousColumn(String model, String table, String column,
      Collection<String> candidates) {
    return new SQLException("Column '" + column + "' of table '" + table + "', which " + model
        + " reads, matches several columns of that table when case is ignored ("
        + String.join(", ", candidates) + ") and none exactly or as an unquoted name folds "
        + "here. Rename all but one of them (or add '" + column + "' with that exact name) "
        + "before IMPORT.", SqlStates.UNKNOWN_COLUMN);
  }

  public static SQLException invalidArgument(String message) {
    return new SQLException(message, SqlStates.INVALID_ARGUMENT);
  }

  public static SQLException unusableData(String message) {
    return new SQLException(message, SqlStates.UNUSABLE_DATA);
  }

  public static SQLException cancelled(String what) {
    return new SQLException(what + " was cancelled; nothing of it was kept.",
        SqlStates.CANCELLED);
  }

  public static SQLException outOfMemory(String what) {
    return new SQLException(what + " ran out of memory even with smaller batches. Lower "
        + "max_rows or batch_size in WITH (...), or give the JVM more heap (-Xmx).",
        SqlStates.OUT_OF_MEMORY);
  }

  /** A statement whose expressions or parentheses nest too deeply for the parser or planner. */
  public static SQLException tooComplex(String where) {
    return new SQLException("Statement too complex" + where + ": its expressions or parentheses "
        + "nest too deeply to parse or plan (for example thousands of nested parentheses or a "
        + "sum of thousands of terms). Split it into smaller expressions or statements.",
        SqlStates.STATEMENT_TOO_COMPLEX);
  }

  /** A name longer than the catalog holds, refused before any work is done. */
  public static SQLException nameTooLong(String kind, String name, int limit) {
    return new SQLException("The name of " + kind + " '" + name.substring(0, 40) + "…' is "
        + name.length() + " characters long; names of " + kind.replaceFirst("^an? ", "")
        + "s may have at most " + limit + " characters. Choose a shorter name.",
        SqlStates.NAME_TOO_LONG);
  }

  /**
   * A query with a model call whose expressions Calcite, which runs such queries, has no code for
   * (typically a comparison of values of types that do not compare, such as text and an INTERVAL).
   */
  public static SQLException unsupportedExpression() {
    return new SQLException("This query calls a Rowspace function and compares or combines values "
        + "of types that cannot be compared or combined there (for example text or a number with an "
        + "INTERVAL). Compare values of the same type, or CAST one of them.",
        SqlStates.FEATURE_NOT_SUPPORTED);
  }

  // ------------------------------------------------------------------ evaluation (issue 19 A)

  /** EVALUATE or a curve function over rows that lack the predictor's target column. */
  public static SQLException targetColumnAbsent(String predictor, String target, String source,
      Collection<String> columns) {
    return new SQLException("Column '" + target + "', the target of predictor '" + predictor
        + "', is not among the columns of " + source + " (" + String.join(", ", columns)
        + "): evaluating needs the true values. Select it too, e.g. ON (SELECT ..., " + target
        + " FROM ...).", SqlStates.UNKNOWN_COLUMN);
  }

  /** EVALUATE or a curve function over rows none of which has a target value. */
  public static SQLException noLabelledRows(String predictor, String target, String source,
      long rows) {
    return new SQLException("No labelled rows to evaluate predictor '" + predictor + "' on: "
        + (rows == 0 ? source + " has no rows" : "all " + rows + " rows of " + source
            + " have NULL in " + target) + ". Evaluate on rows whose " + target
        + " is known.", SqlStates.UNUSABLE_DATA);
  }

  /** A curve of classification (ROC, calibration, confusion matrix) asked of a regression. */
  public static SQLException needsClassification(String function, String predictor,
      String target) {
    return new SQLException(function + " needs a classification predictor; '" + predictor
        + "' predicts the number " + target + ". Use EVALUATE PREDICTOR " + predictor
        + " ON ... for its RMSE, MAE, R² and interval coverage.", SqlStates.INVALID_ARGUMENT);
  }

  /** FEATURE_IMPORTANCE of a predictor saved before global importance was measured. */
  public static SQLException importanceNotMeasured(String predictor, String space,
      String target) {
    return new SQLException("Predictor '" + predictor + "' was stored by an earlier Rowspace, "
        + "which did not measure global feature importance. Re-create it to measure it: CREATE "
        + "OR REPLACE PREDICTOR " + predictor + " ON EMBEDDING SPACE " + space + " TARGET "
        + target + ".", SqlStates.OBJECT_NOT_IN_STATE);
  }

  public static SQLException internal(String message, Throwable cause) {
    return new SQLException(message, SqlStates.INTERNAL, cause);
  }

  private static String listOrNone(String label, Collection<String> names) {
    if (names.isEmpty()) {
      return label + ": none.";
    }
    return label + ": " + names.stream().sorted().collect(Collectors.joining(", ")) + ".";
  }
}
