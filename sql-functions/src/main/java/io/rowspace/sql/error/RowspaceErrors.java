package io.rowspace.sql.error;

import io.rowspace.error.ErrorCode;
import java.sql.SQLException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The exceptions of the error catalogue ({@link ErrorCode}), built from what a caller knows: each
 * method fills one entry's parameters (the object's name, the names that do exist, the fix).
 * Every exception carries its entry's SQLSTATE (SPEC section 9) and stable code.
 */
public final class RowspaceErrors {
  private RowspaceErrors() {
  }

  public static SQLException syntax(String detail, int line, int column) {
    return ErrorCode.SYNTAX.exception(line, column, detail);
  }

  public static SQLException unknownTable(String table, Collection<String> existing) {
    return ErrorCode.UNKNOWN_TABLE.exception(table, listOrNone("Existing tables", existing));
  }

  public static SQLException unknownColumn(String table, String column,
      Collection<String> existing) {
    return ErrorCode.UNKNOWN_COLUMN.exception(column, table, listOrNone("Its columns", existing));
  }

  public static SQLException unknownSpace(String space, Collection<String> existing) {
    return ErrorCode.UNKNOWN_SPACE.exception(space,
        listOrNone("Existing embedding spaces", existing));
  }

  public static SQLException unknownPredictor(String predictor, Collection<String> existing) {
    return ErrorCode.UNKNOWN_PREDICTOR.exception(predictor,
        listOrNone("Existing predictors", existing));
  }

  public static SQLException spaceExists(String space) {
    return ErrorCode.SPACE_EXISTS.exception(space);
  }

  public static SQLException predictorExists(String predictor) {
    return ErrorCode.PREDICTOR_EXISTS.exception(predictor);
  }

  public static SQLException spaceInUse(String space, Collection<String> predictors) {
    return ErrorCode.SPACE_IN_USE.exception(space, String.join(", ", predictors));
  }

  /** PREDICT (or any use) of a predictor whose space was replaced after it was trained. */
  public static SQLException stalePredictor(String predictor, String space, String target) {
    return ErrorCode.STALE_PREDICTOR.exception(predictor, space, target);
  }

  // ---------------------------------------------------------------- EXPORT and IMPORT

  /** EXPORT or IMPORT on a connection that may not use the files of the process. */
  public static SQLException noFileAccess(String statement) {
    return ErrorCode.NO_FILE_ACCESS.exception(statement);
  }

  /** IMPORT of a model whose table is absent. */
  public static SQLException importMissingTable(String model, String table,
      Collection<String> existing) {
    return ErrorCode.IMPORT_MISSING_TABLE.exception(table, model,
        listOrNone("Existing tables", existing));
  }

  /** IMPORT of a model whose table matches several tables here when case is ignored. */
  public static SQLException importAmbiguousTable(String model, String table,
      Collection<String> candidates) {
    return ErrorCode.IMPORT_AMBIGUOUS_TABLE.exception(table, model,
        String.join(", ", candidates));
  }

  /** IMPORT of a model whose column is absent. */
  public static SQLException importMissingColumn(String model, String table, String column,
      Collection<String> existing) {
    return ErrorCode.IMPORT_MISSING_COLUMN.exception(column, table, model,
        listOrNone("Its columns", existing));
  }

  /** IMPORT of a model whose column matches several columns here when case is ignored. */
  public static SQLException importAmbiguousColumn(String model, String table, String column,
      Collection<String> candidates) {
    return ErrorCode.IMPORT_AMBIGUOUS_COLUMN.exception(column, table, model,
        String.join(", ", candidates));
  }

  public static SQLException cancelled(String what) {
    return ErrorCode.CANCELLED.exception(what);
  }

  public static SQLException outOfMemory(String what) {
    return ErrorCode.OUT_OF_MEMORY.exception(what);
  }

  /** A statement whose expressions or parentheses nest too deeply for the parser or planner. */
  public static SQLException tooComplex(String where) {
    return ErrorCode.TOO_COMPLEX.exception(where);
  }

  /** A name longer than the catalog holds, refused before any work is done. */
  public static SQLException nameTooLong(String kind, String name, int limit) {
    return ErrorCode.NAME_TOO_LONG.exception(kind, name.substring(0, 40), name.length(),
        kind.replaceFirst("^an? ", ""), limit);
  }

  /**
   * A query with a model call whose expressions Calcite, which runs such queries, has no code for
   * (typically a comparison of values of types that do not compare, such as text and an INTERVAL).
   */
  public static SQLException unsupportedExpression() {
    return ErrorCode.UNSUPPORTED_EXPRESSION.exception();
  }

  // ------------------------------------------------------------------ evaluation

  /** EVALUATE or a curve function over rows that lack the predictor's target column. */
  public static SQLException targetColumnAbsent(String predictor, String target, String source,
      Collection<String> columns) {
    return ErrorCode.TARGET_COLUMN_ABSENT.exception(target, predictor, source,
        String.join(", ", columns));
  }

  /** EVALUATE or a curve function over rows none of which has a target value. */
  public static SQLException noLabelledRows(String predictor, String target, String source,
      long rows) {
    return ErrorCode.NO_LABELLED_ROWS.exception(predictor, rows == 0 ? source + " has no rows"
        : "all " + rows + " rows of " + source + " have NULL in " + target, target);
  }

  /** A curve of classification (ROC, calibration, confusion matrix) asked of a regression. */
  public static SQLException needsClassification(String function, String predictor,
      String target) {
    return ErrorCode.NEEDS_CLASSIFICATION.exception(function, predictor, target);
  }

  /** FEATURE_IMPORTANCE of a predictor saved before global importance was measured. */
  public static SQLException importanceNotMeasured(String predictor, String space,
      String target) {
    return ErrorCode.IMPORTANCE_NOT_MEASURED.exception(predictor, space, target);
  }

  public static SQLException internal(String message, Throwable cause) {
    return ErrorCode.INTERNAL.exception(cause, message);
  }

  private static String listOrNone(String label, Collection<String> names) {
    if (names.isEmpty()) {
      return label + ": none.";
    }
    return label + ": " + names.stream().sorted().collect(Collectors.joining(", ")) + ".";
  }
}
