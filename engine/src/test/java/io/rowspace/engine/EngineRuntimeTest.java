package io.rowspace.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Settings of the process that would make trained models depend on the machine's load. */
class EngineRuntimeTest {
  @Test
  void dynamicOpenMpTeamsAreReportedAndTheDefaultIsNot() {
    assertNull(EngineRuntime.reproducibilityWarning(null));
    assertNull(EngineRuntime.reproducibilityWarning("FALSE"));
    assertNull(EngineRuntime.reproducibilityWarning("false"));
    assertNotNull(EngineRuntime.reproducibilityWarning("TRUE"));
    assertNotNull(EngineRuntime.reproducibilityWarning(" true "));
  }
}
