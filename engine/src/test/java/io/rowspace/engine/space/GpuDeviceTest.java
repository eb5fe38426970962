package io.rowspace.engine.space;

import static io.rowspace.engine.nn.InferencePaths.TOLERANCE;
import static io.rowspace.engine.nn.InferencePaths.relativeDifference;
import static io.rowspace.engine.nn.InferencePaths.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.space.train.SpaceTrainer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * On a machine with an NVIDIA GPU and the build's {@code cuda} profile, a space trains on the GPU
 * (device {@code gpu}), records it, and its rows embed in the Java pass as in PyTorch's pass on
 * the GPU. Skipped, with the reason, where PyTorch sees no GPU (the CPU build, or no device).
 */
class GpuDeviceTest {

  @Test
  void aSpaceTrainsOnTheGpuAndEmbedsAsThere() {
    assumeTrue(EngineRuntime.device().equals("gpu"), "No GPU visible to PyTorch: this needs an "
        + "NVIDIA GPU with CUDA 12.8 and the build's cuda profile (mvn -Pcuda)");
    Frame rows = RelatedTablesSpaceTest.customers(300, 8);
    try (EmbeddingSpace space = SpaceTrainer.train(rows, Map.of("ID", "row key"),
        SpaceOptions.fromMap(Map.of("epochs", "2", "device", "gpu")), TrainingMonitor.NONE)) {
      assertEquals("gpu", space.device());
      Representation java = with(InferencePath.JAVA, () -> space.represent(rows, Set.of(), true));
      Representation gpu = with(InferencePath.PYTORCH,
          () -> space.represent(rows, Set.of(), true));
      for (int r = 0; r < rows.rowCount(); r++) {
        assertTrue(relativeDifference(java.embeddings()[r], gpu.embeddings()[r]) <= 10 * TOLERANCE,
            "row " + r);
      }
    }
  }
}
