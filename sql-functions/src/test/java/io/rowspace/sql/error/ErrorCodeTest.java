package io.rowspace.sql.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The error catalogue: stable codes, each used once, SQLSTATEs of SPEC section 9, messages whose
 * parameters are counted and checked, and exceptions that carry code and SQLSTATE.
 */
class ErrorCodeTest {

  @Test
  void everyCodeIsUsedOnceAndLiesInRowspacesRange() {
    Set<Integer> codes = new HashSet<>();
    for (ErrorCode error : ErrorCode.values()) {
      assertTrue(codes.add(error.code()), "code " + error.code() + " used twice");
      assertTrue(error.code() > 80_000 && error.code() < 90_000, error.name());
    }
  }

  @Test
  void everySqlStateIsOneRowspaceRaises() throws IllegalAccessException {
    Set<String> states = new HashSet<>();
    for (Field field : SqlStates.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        states.add((String) field.get(null));
      }
    }
    for (ErrorCode error : ErrorCode.values()) {
      assertTrue(states.contains(error.sqlState()), error.name() + ": " + error.sqlState());
    }
  }

  @Test
  void aMessageTakesExactlyItsParameters() {
    assertEquals(3, ErrorCode.STALE_PREDICTOR.template().parameterCount());
    assertEquals(0, ErrorCode.UNSUPPORTED_EXPRESSION.template().parameterCount());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ErrorCode.STALE_PREDICTOR.exception("p", "s"));
    assertTrue(e.getMessage().contains("takes 3 arguments, got 2"), e.getMessage());
  }

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
  void anEngineErrorKeepsItsOwnCodeWithTheStateOfItsKind() {
    SQLException e = EngineErrors.translate(io.rowspace.engine.EngineError.TARGET_CONSTANT
        .exception("CHURNED", "no", 120), "CREATE PREDICTOR churn");
    assertEquals(81034, e.getErrorCode());
    assertEquals("22000", e.getSQLState());
    assertEquals("Target column 'CHURNED' has a single value ('no') in 120 rows: a predictor "
        + "needs at least two.", e.getMessage());
    SQLException option = EngineErrors.translate(io.rowspace.engine.EngineError.OPTION_VALUE
        .exception("epochs", "a positive integer", "-1"), "CREATE EMBEDDING SPACE s");
    assertEquals("22023", option.getSQLState());
    assertEquals(81012, option.getErrorCode());
  }
}
