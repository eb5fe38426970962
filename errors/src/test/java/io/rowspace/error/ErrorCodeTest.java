package io.rowspace.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one error catalogue: stable codes, each used once, in Rowspace's range; SQLSTATEs of SPEC
 * section 9 only; messages whose parameters are counted and checked; exceptions, checked or not,
 * that carry the entry's code and SQLSTATE.
 */
class ErrorCodeTest {

  @Test
  void everyCodeIsUsedOnceAndLiesInRowspacesRange() {
    Map<Integer, ErrorCode> codes = new HashMap<>();
    for (ErrorCode error : ErrorCode.values()) {
      ErrorCode before = codes.put(error.code(), error);
      assertTrue(before == null, "code " + error.code() + " used by " + before + " and " + error);
      assertTrue(error.code() > 80_000 && error.code() < 84_000, error.name());
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
      assertEquals(5, error.sqlState().length(), error.name());
    }
  }

  @Test
  void aCheckedExceptionCarriesItsCodeStateAndFilledMessage() {
    SQLException e = ErrorCode.SPACE_EXISTS.exception("shop");
    assertEquals(80006, e.getErrorCode());
    assertEquals(SqlStates.ALREADY_EXISTS, e.getSQLState());
    assertTrue(e.getMessage().startsWith("Embedding space 'shop' already exists."), e.getMessage());
    assertEquals("08001", ErrorCode.SPACE_EXISTS.exceptionWithState("08001", null, "x")
        .getSQLState(), "a state another system chose is kept");
  }

  @Test
  void anUncheckedExceptionCarriesItsEntryStateCodeAndFilledMessage() {
    EngineException e = ErrorCode.TARGET_CONSTANT.failure("CHURNED", "no", 120);
    assertSame(ErrorCode.TARGET_CONSTANT, e.error());
    assertEquals(SqlStates.UNUSABLE_DATA, e.sqlState());
    assertEquals(81034, e.code());
    assertEquals("Target column 'CHURNED' has a single value ('no') in 120 rows: a predictor "
        + "needs at least two.", e.getMessage());
  }

  @Test
  void aMessageTakesExactlyItsParameters() {
    assertEquals(3, ErrorCode.OPTION_VALUE.template().parameterCount());
    assertEquals(0, ErrorCode.SPACE_CLOSED.template().parameterCount());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ErrorCode.OPTION_VALUE.failure("epochs", "a positive integer"));
    assertTrue(e.getMessage().contains("OPTION_VALUE takes 3 arguments, got 2"), e.getMessage());
  }

  @Test
  void argumentsAreWrittenAsTheyAreWithoutGroupingOrQuoting() {
    assertEquals("Target column 'a$1\\b' has no values in 12345 rows: a predictor needs rows "
        + "with a target value.", ErrorCode.TARGET_EMPTY.failure("a$1\\b", 12345).getMessage());
  }

  @Test
  void aTemplateWithAGapInItsParametersIsRefused() {
    assertThrows(IllegalStateException.class, () -> new MessageTemplate("{0} and {2}"));
  }

  @Test
  void theCauseIsKept() {
    IllegalStateException cause = new IllegalStateException("native");
    EngineException e = ErrorCode.TRAINING_OUT_OF_MEMORY.failure(cause);
    assertSame(cause, e.getCause());
    assertEquals(SqlStates.OUT_OF_MEMORY, e.sqlState());
  }
}
