package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.EngineException;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A predictor saved by an older Rowspace keeps loading: {@code predictor-v1.bin} was written by
 * the first predictor format (before calibration methods, intervals and input statistics) and
 * loads with temperature calibration and its original metrics.
 */
class SavedFormatTest {

  @Test
  void versionOnePredictorStillLoads() throws IOException {
    byte[] v1;
    try (InputStream in = SavedFormatTest.class.getResourceAsStream("predictor-v1.bin")) {
      v1 = in.readAllBytes();
    }
    assertEquals(1, v1[4]);
    try (Predictor p = Predictor.fromBytes(v1)) {
      assertEquals(Task.BINARY, p.task());
      assertEquals(List.of("no", "yes"), p.classes());
      assertEquals("yes", p.positiveLabel());
      assertEquals(List.of("A", "B"), p.inputColumns());
      assertEquals("temperature", p.calibration());
      assertEquals(0.696490647600411, p.temperature());
      assertEquals(0.6868728286479738, p.threshold());
      assertEquals(0.8733333333333333, p.metrics().auc());
      assertEquals(40, p.metrics().validationRows());
      assertTrue(Double.isNaN(p.metrics().intervalCoverage()));

      byte[] v2 = p.toBytes();
      assertEquals(Predictor.VERSION, v2[4]);
      try (Predictor again = Predictor.fromBytes(v2)) {
        assertEquals(p.metrics(), again.metrics());
        assertEquals(p.temperature(), again.temperature());
      }
    }
  }

  @Test
  void newerFormatFailsWithAClearMessage() throws IOException {
    byte[] bytes;
    try (InputStream in = SavedFormatTest.class.getResourceAsStream("predictor-v1.bin")) {
      bytes = in.readAllBytes();
    }
    bytes[4] = 9;
    byte[] future = bytes;
    EngineException e = assertThrows(EngineException.class, () -> Predictor.fromBytes(future));
    assertTrue(e.getMessage().contains("format version 9 is newer than this engine reads"),
        e.getMessage());
  }
}
