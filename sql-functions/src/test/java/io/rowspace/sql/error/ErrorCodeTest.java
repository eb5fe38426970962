package io.rowspace.sql.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    assertEquals(3, ErrorCode.STALE_PREDICTOR.parameterCount());
    assertEquals(0, ErrorCode.UNSUPPORTED_EXPRESSION.parameterCount());
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
}
