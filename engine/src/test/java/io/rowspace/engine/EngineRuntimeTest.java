package io.rowspace.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Native;
import com.sun.jna.Platform;
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

  @Test
  void idleOpenMpThreadsSleepUnlessTheEnvironmentChoseOtherwise() {
    String chosen = System.getenv(OpenMpWaitPolicy.VARIABLE);
    String expected = chosen == null || chosen.isBlank() ? OpenMpWaitPolicy.PASSIVE : chosen;
    assertEquals(expected, EngineRuntime.openMpWaitPolicy());
    OpenMpWaitPolicy.CLibrary c =
        Native.load(Platform.C_LIBRARY_NAME, OpenMpWaitPolicy.CLibrary.class);
    assertEquals(expected, c.getenv(OpenMpWaitPolicy.VARIABLE),
        "the process environment the native library read");
  }
}
