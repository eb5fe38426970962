package io.rowspace.sql.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowspace.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SQL layer's errors: built from the one catalogue with what a caller knows, engine failures
 * reported with their own code and SQLSTATE, and no error written by hand.
 */
class RowspaceErrorsTest {

  @Test
  void anExceptionCarriesItsCodeStateAndFilledMessage() {
    SQLException e = RowspaceErrors.unknownSpace("shop", List.of("orders_space", "customers"));
    assertEquals(80004, e.getErrorCode());
    assertEquals("42704", e.getSQLState());
    assertEquals("Embedding space 'shop' does not exist. Existing embedding spaces: customers, "
        + "orders_space. Create it with CREATE EMBEDDING SPACE shop ON <table>.", e.getMessage());
  }

  @Test
  void argumentsAreInsertedAsWrittenEvenWithDollarsAndBackslashes() {
    SQLException e = RowspaceErrors.unknownTable("a$1\\b", List.of());
    assertEquals("Table 'a$1\\b' does not exist. Existing tables: none.", e.getMessage());
  }

  @Test
  void aLongNameIsShownCutWithItsLength() {
    SQLException e = RowspaceErrors.nameTooLong("a predictor", "p".repeat(300), 256);
    assertEquals("The name of a predictor '" + "p".repeat(40) + "…' is 300 characters long; "
        + "names of predictors may have at most 256 characters. Choose a shorter name.",
        e.getMessage());
    assertEquals("42622", e.getSQLState());
  }

  @Test
  void messagesBroughtIntoTheCatalogueReadAsBefore() {
    SQLException unknownClass = ErrorCode.UNKNOWN_CLASS.exception("churn", "maybe", "CHURNED",
        "no, yes");
    assertEquals("PREDICT_PROBA('churn', 'maybe'): 'maybe' is not a class of CHURNED. Classes: "
        + "no, yes.", unknownClass.getMessage());
    assertEquals("22023", unknownClass.getSQLState());
    assertEquals(80106, unknownClass.getErrorCode());
    SQLException noInputs = ErrorCode.NO_INPUT_COLUMNS.exception("PREDICT", "churn", "AGE, PLAN",
        "AGE");
    assertEquals("PREDICT('churn') finds none of its input columns (AGE, PLAN) in the FROM clause "
        + "of its SELECT. Select FROM a table that has them, or give the values by name, e.g. "
        + "PREDICT('churn', AGE => ...).", noInputs.getMessage());
    assertEquals("42S22", noInputs.getSQLState());
    assertEquals("SIMILAR_ROWS('shop', key, k): the key and k must be values (a number or "
        + "string, or a parameter), not a subquery. Run the subquery first and pass its value, or "
        + "join: SELECT ... FROM t, TABLE(SIMILAR_ROWS('shop', 42, 5)) s.",
        ErrorCode.SIMILAR_ROWS_SUBQUERY.message("shop"));
    assertEquals("The first argument of PREDICT must be the predictor's name as a string "
        + "literal, e.g. PREDICT('churn').",
        ErrorCode.MODEL_NAME_NOT_LITERAL.message("PREDICT", "predictor"));
  }

  /**
   * Rowspace's SQL layer raises only errors of the catalogue: no message written where it arises
   * ({@code invalidArgument}, {@code unusableData}) and no SQLException built by hand outside the
   * error package, except the backing database's own refusals, which keep its message and code.
   */
  @Test
  void theSqlLayerRaisesOnlyCatalogueErrors() throws IOException {
    Path main = Path.of("src", "main", "java", "io", "rowspace");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".java") || name.equals("BackingErrors.java")
            || file.startsWith(main.resolve(Path.of("sql", "error")))) {
          continue;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String written : List.of("invalidArgument(", "unusableData(",
            "new SQLException(")) {
          if (text.contains(written)) {
            found.add(main.relativize(file) + ": " + written);
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void anEngineErrorKeepsItsOwnCodeAndState() {
    SQLException e = EngineErrors.translate(ErrorCode.TARGET_CONSTANT
        .failure("CHURNED", "no", 120), "CREATE PREDICTOR churn");
    assertEquals(81034, e.getErrorCode());
    assertEquals("22000", e.getSQLState());
    assertEquals("Target column 'CHURNED' has a single value ('no') in 120 rows: a predictor "
        + "needs at least two.", e.getMessage());
    SQLException option = EngineErrors.translate(ErrorCode.OPTION_VALUE
        .failure("epochs", "a positive integer", "-1"), "CREATE EMBEDDING SPACE s");
    assertEquals("22023", option.getSQLState());
    assertEquals(81012, option.getErrorCode());
  }

  @Test
  void anEngineCancellationIsReportedForTheStatement() {
    SQLException e = EngineErrors.translate(ErrorCode.SPACE_TRAINING_CANCELLED.failure(),
        "CREATE EMBEDDING SPACE s");
    assertEquals("57014", e.getSQLState());
    assertEquals("CREATE EMBEDDING SPACE s was cancelled; nothing of it was kept.", e.getMessage());
  }
}
