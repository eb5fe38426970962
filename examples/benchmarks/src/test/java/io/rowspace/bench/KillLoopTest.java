package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill loop's short version: 20 processes killed with {@code kill -9} at random moments while
 * they open an embedded database file, commit rows and create, replace, refresh and train models
 * on it (checkpointing after every epoch, and re-running a killed statement to resume it). After
 * each kill every committed row and model is there, no model went back to an older version, and
 * the models touched since the last check (and a sample of the others) match their checksums
 * and answer; the file's last check verifies every model.
 */
@Tag("slow")
class KillLoopTest {
  @Test
  void twentyKillsDuringModelStatementsLoseNothing(@TempDir Path folder) throws Exception {
    KillLoopBenchmark.Result result = KillLoopBenchmark.run(folder, 20, Double.POSITIVE_INFINITY,
        20261207L, new PrintStream(System.err, true, StandardCharsets.UTF_8));
    assertEquals(20, result.cycles());
    assertEquals(0, result.losses().size(), result.markdown());
    assertTrue(result.statementKills() >= 5,
        "most kills land while a model statement runs\n" + result.markdown());
    assertTrue(result.readyModelsChecked() >= 20 * 5, result.markdown());
    assertTrue(result.modelsVerified() >= 20, result.markdown());
  }
}
