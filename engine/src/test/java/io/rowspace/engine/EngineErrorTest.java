package io.rowspace.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's error catalogue: stable codes in the engine's own range, each used once; messages
 * whose parameters are counted and checked; exceptions that carry their entry, kind and code.
 */
class EngineErrorTest {

  @Test
  void everyCodeIsUsedOnceAndLiesInTheEnginesRange() {
    Set<Integer> codes = new HashSet<>();
    for (EngineError error : EngineError.values()) {
      assertTrue(codes.add(error.code()), "code " + error.code() + " used twice");
      assertTrue(error.code() > 81_000 && error.code() < 82_000, error.name());
    }
  }

  @Test
  void anExceptionCarriesItsEntryKindCodeAndFilledMessage() {
    EngineException e = EngineError.TARGET_CONSTANT.exception("CHURNED", "no", 120);
    assertSame(EngineError.TARGET_CONSTANT, e.error());
    assertEquals(EngineException.Kind.UNUSABLE_DATA, e.kind());
    assertEquals(81034, e.code());
    assertEquals("Target column 'CHURNED' has a single value ('no') in 120 rows: a predictor "
        + "needs at least two.", e.getMessage());
  }

  @Test
  void aMessageTakesExactlyItsParameters() {
    assertEquals(3, EngineError.OPTION_VALUE.message().parameterCount());
    assertEquals(0, EngineError.SPACE_CLOSED.message().parameterCount());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EngineError.OPTION_VALUE.exception("epochs", "a positive integer"));
    assertTrue(e.getMessage().contains("OPTION_VALUE takes 3 arguments, got 2"), e.getMessage());
  }

  @Test
  void argumentsAreWrittenAsTheyAreWithoutGroupingOrQuoting() {
    assertEquals("Target column 'a$1\\b' has no values in 12345 rows: a predictor needs rows "
        + "with a target value.", EngineError.TARGET_EMPTY.exception("a$1\\b", 12345).getMessage());
  }

  @Test
  void aTemplateWithAGapInItsParametersIsRefused() {
    assertThrows(IllegalStateException.class, () -> new MessageTemplate("{0} and {2}"));
  }

  @Test
  void theCauseIsKept() {
    IllegalStateException cause = new IllegalStateException("native");
    EngineException e = EngineError.TRAINING_OUT_OF_MEMORY.exception(cause);
    assertSame(cause, e.getCause());
    assertEquals(EngineException.Kind.OUT_OF_MEMORY, e.kind());
  }
}
