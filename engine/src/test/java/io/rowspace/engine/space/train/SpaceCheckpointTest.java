package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.checkpoint.TrainingCheckpoints;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.SpaceFormat;
import io.rowspace.error.EngineException;

import io.rowspace.error.SqlStates;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Training stopped after an epoch resumes from its checkpoint and ends with exactly the space an
 * uninterrupted run trains; a run on other data or with another seed never takes the checkpoint.
 */
class SpaceCheckpointTest {
  private static final int EPOCHS = 5;

  /** Checkpoints kept in memory, as the catalog keeps them: the latest one, by fingerprint. */
  private static final class KeptCheckpoints implements TrainingCheckpoints {
    String fingerprint;
    Saved saved;
    int saves;

    @Override public Optional<Saved> latest(String fingerprint) {
      return fingerprint.equals(this.fingerprint) ? Optional.of(saved) : Optional.empty();
    }

    @Override public void save(String fingerprint, int epoch, byte[] state) {
      this.fingerprint = fingerprint;
      this.saved = new Saved(epoch, state.clone());
      saves++;
    }

    @Override public long intervalSeconds() {
      return 0;
    }
  }

  /** Collects warnings and epochs; stops training once a checkpoint of {@code stopAfter} exists. */
  private static final class Run implements TrainingMonitor {
    final KeptCheckpoints checkpoints;
    final int stopAfter;
    final List<String> warnings = new ArrayList<>();
    final List<EpochRecord> epochs = new ArrayList<>();

    Run(KeptCheckpoints checkpoints, int stopAfter) {
      this.checkpoints = checkpoints;
      this.stopAfter = stopAfter;
    }

    @Override public void progress(String phase, int step, int totalSteps, String message) {}

    @Override public void epoch(EpochRecord record) {
      epochs.add(record);
    }

    @Override public void warning(String message) {
      warnings.add(message);
    }

    @Override public TrainingCheckpoints checkpoints() {
      return checkpoints == null ? TrainingCheckpoints.NONE : checkpoints;
    }

    @Override public boolean isCancelled() {
      return stopAfter > 0 && checkpoints.saved != null && checkpoints.saved.epoch() >= stopAfter;
    }

    boolean resumed(int epoch) {
      return warnings.stream().anyMatch(w -> w.contains("resumed from the checkpoint of epoch "
          + epoch + " "));
    }
  }

  private static Frame rows(int seed) {
    Random random = new Random(seed);
    int n = 160;
    Object[] size = new Object[n];
    Object[] count = new Object[n];
    Object[] colour = new Object[n];
    Object[] score = new Object[n];
    String[] colours = {"red", "green", "blue", "grey"};
    for (int i = 0; i < n; i++) {
      double s = random.nextGaussian() * 3 + 10;
      size[i] = s;
      count[i] = random.nextInt(20);
      colour[i] = colours[(int) (s + random.nextInt(2)) % colours.length];
      score[i] = i % 17 == 0 ? null : s * 2 + random.nextGaussian();
    }
    return new Frame(List.of(new ColumnSchema("size", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("count", Types.INTEGER, "INTEGER"),
        new ColumnSchema("colour", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("score", Types.DOUBLE, "DOUBLE")), List.of(size, count, colour, score));
  }

  private static EmbeddingSpace train(Frame rows, long seed, Run run) {
    return SpaceTrainer.train(rows, Map.of(), SpaceOptions.fromMap(Map.of("epochs",
        Integer.toString(EPOCHS), "seed", Long.toString(seed), "sentence_model", "false")), run);
  }

  @Test
  void aStoppedRunResumesAndEndsBitIdenticalToAnUninterruptedOne() {
    Frame rows = rows(3);
    Run uninterrupted = new Run(null, 0);
    KeptCheckpoints kept = new KeptCheckpoints();
    try (EmbeddingSpace reference = train(rows, 11, uninterrupted)) {
      EngineException stopped = assertThrows(EngineException.class,
          () -> train(rows, 11, new Run(kept, 3)).close());
      assertEquals(SqlStates.CANCELLED, stopped.sqlState());
      assertNotNull(kept.saved, "a checkpoint was saved before the stop");
      assertEquals(3, kept.saved.epoch(), "checkpoints after every epoch (interval 0)");

      Run resumed = new Run(kept, 0);
      try (EmbeddingSpace space = train(rows, 11, resumed)) {
        assertTrue(resumed.resumed(3), resumed.warnings.toString());
        assertArrayEquals(SpaceFormat.write(reference), SpaceFormat.write(space),
            "weights, encoders and timeline are those of the uninterrupted run");
        assertEquals(reference.fingerprint(), space.fingerprint());
        assertEquals(uninterrupted.epochs, resumed.epochs,
            "the monitor sees every epoch, the restored ones first");
        assertEquals(EPOCHS, resumed.epochs.size());
        float[][] a = reference.embed(rows, java.util.Set.of());
        float[][] b = space.embed(rows, java.util.Set.of());
        for (int i = 0; i < a.length; i++) {
          assertArrayEquals(a[i], b[i]);
        }
      }
    }
  }

  @Test
  void anotherSeedOrOtherDataNeverResumesTheCheckpoint() {
    KeptCheckpoints kept = new KeptCheckpoints();
    assertThrows(EngineException.class, () -> train(rows(3), 11, new Run(kept, 2)).close());
    assertEquals(2, kept.saved.epoch());
    String fingerprint = kept.fingerprint;

    Run otherSeed = new Run(kept, 0);
    train(rows(3), 12, otherSeed).close();
    assertTrue(otherSeed.warnings.stream().noneMatch(w -> w.contains("resumed")),
        otherSeed.warnings.toString());
    assertTrue(!fingerprint.equals(kept.fingerprint), "the other run saved under its own key");

    Run otherData = new Run(kept, 0);
    kept.fingerprint = fingerprint;
    train(rows(4), 11, otherData).close();
    assertTrue(otherData.warnings.stream().noneMatch(w -> w.contains("resumed")),
        otherData.warnings.toString());
  }
}
