package io.rowspace.engine.predictor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.error.EngineException;
import io.rowspace.engine.checkpoint.TrainingCheckpoints;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;

import io.rowspace.error.SqlStates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Predictor training stopped at a checkpoint (in the head's epochs, after the head, after
 * fine-tuning) resumes from it and ends with exactly the predictor an uninterrupted run trains:
 * the same stored bytes, the same timeline, the same predictions. A run with another seed or on
 * other rows never takes the checkpoint.
 */
class PredictorCheckpointTest {
  private static EmbeddingSpace space;
  private static Frame rows;
  private static Run uninterrupted;
  private static Predictor reference;

  @BeforeAll
  static void trainSpaceAndUninterruptedPredictor() {
    rows = rows(360, new Random(41));
    space = SpaceTrainer.train(rows, Map.of(), SpaceOptions.fromMap(Map.of("d_model", "16",
        "layers", "1", "epochs", "2", "sentence_model", "false")), TrainingMonitor.NONE);
    uninterrupted = new Run(null, null);
    reference = train(rows, 7, uninterrupted);
  }

  @AfterAll
  static void close() {
    reference.close();
    space.close();
  }

  /** Checkpoints kept in memory, as the catalog keeps them: the latest one, by fingerprint. */
  private static final class KeptCheckpoints implements TrainingCheckpoints {
    String fingerprint;
    Saved saved;

    @Override public Optional<Saved> latest(String fingerprint) {
      return fingerprint.equals(this.fingerprint) ? Optional.of(saved) : Optional.empty();
    }

    @Override public void save(String fingerprint, int epoch, byte[] state) {
      this.fingerprint = fingerprint;
      this.saved = new Saved(epoch, state.clone());
    }

    @Override public long intervalSeconds() {
      return 0;
    }

    PredictorCheckpoint latest() {
      return saved == null ? null : PredictorCheckpoint.fromBytes(saved.state());
    }
  }

  /** Collects warnings and epochs; stops once the latest checkpoint passes {@code stopAt}. */
  private static final class Run implements TrainingMonitor {
    final KeptCheckpoints checkpoints;
    final Predicate<PredictorCheckpoint> stopAt;
    final List<String> warnings = new ArrayList<>();
    final List<EpochRecord> epochs = new ArrayList<>();

    Run(KeptCheckpoints checkpoints, Predicate<PredictorCheckpoint> stopAt) {
      this.checkpoints = checkpoints;
      this.stopAt = stopAt;
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
      PredictorCheckpoint latest = checkpoints == null ? null : checkpoints.latest();
      return stopAt != null && latest != null && stopAt.test(latest);
    }

    boolean resumed() {
      return warnings.stream().anyMatch(w -> w.contains("resumed from the checkpoint of epoch"));
    }
  }

  private static Frame rows(int n, Random random) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("X1", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("X2", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("GROUP_NAME", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("LABEL", Types.VARCHAR, "VARCHAR"));
    String[] groups = {"north", "south", "east"};
    List<Object[]> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      double p = 1 / (1 + Math.exp(-2 * (x1 + x2)));
      values.add(new Object[] {x1, x2, groups[random.nextInt(3)],
          random.nextDouble() < p ? "yes" : "no"});
    }
    return Frame.ofRows(schema, values);
  }

  private static Predictor train(Frame data, long seed, Run run) {
    return PredictorTrainer.train(space, data, "LABEL", PredictorOptions.fromMap(Map.of(
        "fine_tune", "true", "epochs", "8", "trees", "true", "seed", Long.toString(seed))), run);
  }

  /** Trains uninterrupted, then stopped where {@code stopAt} says and resumed; compares. */
  private static void resumesBitIdentical(Predicate<PredictorCheckpoint> stopAt, String stage) {
    KeptCheckpoints kept = new KeptCheckpoints();
    {
      EngineException stopped = assertThrows(EngineException.class,
          () -> train(rows, 7, new Run(kept, stopAt)).close());
      assertEquals(SqlStates.CANCELLED, stopped.sqlState());
      PredictorCheckpoint checkpoint = kept.latest();
      assertNotNull(checkpoint, "a checkpoint was saved before the stop");
      assertEquals(stage, checkpoint.stage());

      Run resumed = new Run(kept, null);
      try (Predictor predictor = train(rows, 7, resumed)) {
        assertTrue(resumed.warnings.stream().anyMatch(w -> w.contains("resumed from the "
            + "checkpoint of epoch " + checkpoint.epoch() + " (" + stage + ")")),
            resumed.warnings.toString());
        assertArrayEquals(PredictorFormat.write(reference), PredictorFormat.write(predictor),
            "weights, tuned layers, trees, calibration and options are the uninterrupted run's");
        assertEquals(uninterrupted.epochs, resumed.epochs,
            "the monitor sees every epoch once, the restored ones first");
        assertEquals(uninterrupted.warnings, resumed.warnings.stream()
            .filter(w -> !w.contains("resumed from the checkpoint")).toList());
        assertEquals(reference.predict(space, rows), predictor.predict(space, rows));
      }
    }
  }

  @Test
  void stoppedDuringTheHeadsEpochsResumesBitIdentical() {
    resumesBitIdentical(c -> c.head() != null && c.head().epoch() >= 3,
        "during the head's training");
  }

  @Test
  void stoppedAfterTheHeadResumesBitIdentical() {
    resumesBitIdentical(c -> c.head() == null && c.tuned() == null,
        "after the head's training");
  }

  @Test
  void stoppedAfterFineTuningResumesBitIdentical() {
    resumesBitIdentical(c -> c.tuned() != null, "after fine-tuning the space's layers");
  }

  @Test
  void anotherSeedOrOtherRowsNeverResumeTheCheckpoint() {
    KeptCheckpoints kept = new KeptCheckpoints();
    assertThrows(EngineException.class, () -> train(rows, 7,
        new Run(kept, c -> c.head() != null && c.head().epoch() >= 2)).close());
    String fingerprint = kept.fingerprint;

    Run otherSeed = new Run(kept, null);
    train(rows, 8, otherSeed).close();
    assertTrue(!otherSeed.resumed(), otherSeed.warnings.toString());
    assertTrue(!fingerprint.equals(kept.fingerprint), "the other run saved under its own key");

    kept.fingerprint = fingerprint;
    Run otherRows = new Run(kept, null);
    train(rows(360, new Random(42)), 7, otherRows).close();
    assertTrue(!otherRows.resumed(), otherRows.warnings.toString());
  }
}
