package io.rowspace.sql.routing;

import io.rowspace.sql.routing.SqlTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * Decides where a statement runs (SPEC section 2, the pass-through rule): Rowspace statements are
 * recognised by their leading keywords, queries that call a Rowspace function by a call of one of
 * the function names, and everything else goes to the backing database untouched.
 */
public final class StatementRouter {
  /** The SQL functions Rowspace adds. */
  public static final Set<String> FUNCTIONS = Set.of("PREDICT", "PREDICT_PROBA",
      "PREDICT_DETAILS", "SIMILAR_ROWS", "EMBEDDINGS", "ANOMALY_SCORE",
      // Evaluation (issue 19, part A)
      "CONFUSION_MATRIX", "ROC_CURVE", "CALIBRATION_CURVE", "FEATURE_IMPORTANCE");

  private StatementRouter() {
  }

  public static StatementRoute route(String sql) {
    List<Token> tokens = SqlTokens.tokenize(sql);
    if (isRowspaceStatement(tokens)) {
      return StatementRoute.ROWSPACE_STATEMENT;
    }
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.word() && FUNCTIONS.contains(token.text())
          && tokens.get(i + 1).text().equals("(")
          && (i == 0 || !tokens.get(i - 1).text().equals("."))) {
        return StatementRoute.FUNCTION_QUERY;
      }
    }
    return StatementRoute.PASS_THROUGH;
  }

  private static boolean isRowspaceStatement(List<Token> tokens) {
    int i = 0;
    if (words(tokens, i, "EXPLAIN", "PLAN", "FOR")) {
      i += 3;
      return isCreateSpace(tokens, i);
    }
    if (words(tokens, i, "CREATE")) {
      return isCreateSpace(tokens, i) || isCreatePredictor(tokens, i);
    }
    return words(tokens, i, "DROP", "EMBEDDING", "SPACE")
        || words(tokens, i, "DROP", "PREDICTOR")
        || words(tokens, i, "SHOW", "EMBEDDING", "SPACES")
        || words(tokens, i, "SHOW", "PREDICTORS")
        || words(tokens, i, "DESCRIBE", "EMBEDDING", "SPACE")
        || words(tokens, i, "DESCRIBE", "PREDICTOR")
        || words(tokens, i, "REFRESH", "EMBEDDING", "SPACE")
        || words(tokens, i, "CANCEL", "JOB")
        || namesModel(tokens, "ALTER") || namesModel(tokens, "EXPORT")
        || namesModel(tokens, "IMPORT")
        || words(tokens, i, "IMPORT", "OR", "REPLACE")
        || words(tokens, i, "EVALUATE", "PREDICTOR");
  }

  /** {@code verb PREDICTOR} or {@code verb EMBEDDING SPACE}: ALTER TABLE stays the database's. */
  private static boolean namesModel(List<Token> tokens, String verb) {
    return words(tokens, 0, verb, "PREDICTOR") || words(tokens, 0, verb, "EMBEDDING", "SPACE");
  }

  private static boolean isCreateSpace(List<Token> tokens, int i) {
    return words(tokens, i, "CREATE", "EMBEDDING", "SPACE")
        || words(tokens, i, "CREATE", "OR", "REPLACE", "EMBEDDING", "SPACE");
  }

  private static boolean isCreatePredictor(List<Token> tokens, int i) {
    return words(tokens, i, "CREATE", "PREDICTOR")
        || words(tokens, i, "CREATE", "OR", "REPLACE", "PREDICTOR");
  }

  private static boolean words(List<Token> tokens, int from, String... expected) {
    if (tokens.size() < from + expected.length) {
      return false;
    }
    for (int k = 0; k < expected.length; k++) {
      Token token = tokens.get(from + k);
      if (!token.word() || !token.text().equals(expected[k])) {
        return false;
      }
    }
    return true;
  }
}
