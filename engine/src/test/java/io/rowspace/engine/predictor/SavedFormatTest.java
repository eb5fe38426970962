package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.EngineException;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A predictor saved by an older Rowspace keeps loading: {@code predictor-v1.bin} was written by
 * the first predictor format (before calibration methods, intervals and input statistics) and
 * loads with temperature calibration and its original metrics; {@code predictor-v2.bin} (before
 * the head's name was saved) loads as the MLP it is and computes the outputs it computed then.
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
  void versionTwoPredictorLoadsAsAnMlpWithItsOriginalOutputs() throws IOException {
    byte[] v2;
    try (InputStream in = SavedFormatTest.class.getResourceAsStream("predictor-v2.bin")) {
      v2 = in.readAllBytes();
    }
    assertEquals(2, v2[4]);
    try (Predictor p = Predictor.fromBytes(v2)) {
      assertEquals("mlp", p.options().get("head"));
      assertEquals("mlp", p.head.name());
      assertEquals(new MlpHead(40, 64, 2).description(), p.head.description());
      assertEquals(40, p.head.inputs());
      assertEquals("temperature", p.calibration());
      assertEquals(0.4185134343890894, p.threshold());
      float[] x = new float[2 * 40];
      for (int i = 0; i < 40; i++) {
        x[i] = 0.1f * (i % 7) - 0.3f;
        x[40 + i] = -0.05f * (i % 5);
      }
      // Outputs of these features when the file was written, by the version 2 engine.
      float[] expected = {-0.022427553f, 0.056685206f, -0.037642036f, -0.028395906f};
      assertArrayEquals(expected, p.outputs(new SpaceFeatures(x, 2, 40, Map.of())), 1e-6f);

      try (Predictor again = Predictor.fromBytes(p.toBytes())) {
        assertEquals(p.head.description(), again.head.description());
        assertArrayEquals(p.parameterValues, again.parameterValues);
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
