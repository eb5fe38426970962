package io.rowspace.engine.predictor.train;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.checkpoint.RandomState;
import io.rowspace.engine.checkpoint.RunFingerprint;
import io.rowspace.engine.checkpoint.TrainingCheckpoints;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.SpaceFeatures;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The checkpoints of one predictor training run: saves its state ({@link PredictorCheckpoint})
 * after a head epoch or a stage (a finished attempt, fine-tuning) when
 * {@link TrainingCheckpoints#intervalSeconds()} have passed since the last save, and on a re-run
 * with the same fingerprint hands each stage its saved result back.
 *
 * <p>Resuming replays the saved timeline to the monitor at once; the re-run then recomputes
 * what comes before the checkpoint without training (the monitor does not see those epochs a
 * second time) until it arrives where the checkpoint was taken, where it takes over the saved
 * random generator and carries on as the interrupted run would have.
 */
final class PredictorCheckpoints {
  private final TrainingMonitor outer;
  private final TrainingCheckpoints store;
  private final List<EpochRecord> timeline = new ArrayList<>();
  private final List<PredictorCheckpoint.Attempt> attempts = new ArrayList<>();
  private final TrainingMonitor monitor;
  private PredictorCheckpoint.Tuned tuned;
  private String fingerprint;
  private PredictorCheckpoint restored;
  private Random restoredRandom;
  private boolean replaying;
  private boolean arrivedNow;
  private long lastSave;
  /** The run's generator; replaced by the checkpoint's where training resumes. */
  private Random random;

  PredictorCheckpoints(TrainingMonitor outer, long seed) {
    this.outer = outer;
    this.random = new Random(seed);
    this.store = outer.checkpoints();
    this.monitor = new TrainingMonitor() {
      @Override public void progress(String phase, int step, int totalSteps, String message) {
        outer.progress(phase, step, totalSteps, message);
      }

      @Override public void epoch(EpochRecord record) {
        if (!replaying) {
          timeline.add(record);
          outer.epoch(record);
        }
      }

      @Override public void warning(String message) {
        outer.warning(message);
      }

      @Override public boolean isCancelled() {
        return outer.isCancelled();
      }
    };
  }

  /** The monitor the run reports to: the caller's, without the epochs a resume replayed. */
  TrainingMonitor monitor() {
    return monitor;
  }

  /**
   * Starts checkpointing under this run's fingerprint and takes up its checkpoint, if one was
   * saved: the timeline so far goes to the monitor and a warning says training resumed.
   *
   * @param runFingerprint supplies the fingerprint of what the run trains on; asked only when
   *     there is a store
   */
  void begin(Supplier<String> runFingerprint) {
    lastSave = System.nanoTime();
    if (store == TrainingCheckpoints.NONE) {
      return;
    }
    fingerprint = runFingerprint.get();
    PredictorCheckpoint saved = store.latest(fingerprint)
        .map(c -> PredictorCheckpoint.fromBytes(c.state())).orElse(null);
    if (saved == null) {
      return;
    }
    try {
      restoredRandom = RandomState.restore(saved.random());
    } catch (IOException e) {
      return;
    }
    restored = saved;
    attempts.addAll(saved.attempts());
    tuned = saved.tuned();
    for (EpochRecord record : saved.timeline()) {
      timeline.add(record);
      outer.epoch(record);
    }
    replaying = true;
    outer.warning("Training resumed from the checkpoint of epoch " + saved.epoch() + " ("
        + saved.stage() + ") left by an earlier run of this statement; the result is the "
        + "same as an uninterrupted run's.");
    outer.progress("train", saved.epoch(), saved.epoch(), "resumed after epoch "
        + saved.epoch());
  }

  /** The saved result of head attempt {@code index} (0: the first), or null to train it. */
  PredictorCheckpoint.Attempt finishedAttempt(int index) {
    if (restored == null || index >= restored.attempts().size()) {
      return null;
    }
    arrivedNow = restored.tuned() == null && restored.head() == null
        && index == restored.attempts().size() - 1;
    return restored.attempts().get(index);
  }

  /** The saved state of head attempt {@code index} between two epochs, or null. */
  PredictorCheckpoint.HeadProgress headInProgress(int index) {
    if (restored == null || restored.head() == null || index != restored.attempts().size()) {
      return null;
    }
    arrivedNow = true;
    return restored.head();
  }

  /** The saved outcome of fine-tuning, or null to run it. */
  PredictorCheckpoint.Tuned finishedTuning() {
    if (restored == null || restored.tuned() == null) {
      return null;
    }
    arrivedNow = true;
    return restored.tuned();
  }

  /** The run's generator, which every random draw of the run comes from. */
  Random random() {
    return random;
  }

  /**
   * After a saved result was handed out: where the checkpoint was taken (from then on the run
   * trains again), the run goes on with the saved generator; elsewhere nothing changes.
   */
  void takeOverRandom() {
    if (arrivedNow) {
      arrivedNow = false;
      replaying = false;
      random = restoredRandom;
    }
  }

  /** After a head epoch that is not the attempt's last: saves when a checkpoint is due. */
  void headEpoch(int timelineEpoch, Supplier<PredictorCheckpoint.HeadProgress> state) {
    if (due()) {
      save(timelineEpoch, state.get());
    }
  }

  /** A head attempt finished; saves when a checkpoint is due. */
  void attemptDone(float[] parameters, int bestEpoch, EpochRecord last) {
    attempts.add(new PredictorCheckpoint.Attempt(parameters, bestEpoch, last));
    if (due()) {
      save(last == null ? 0 : last.epoch(), null);
    }
  }

  /** Fine-tuning finished; saves when a checkpoint is due. */
  void tuningDone(PredictorCheckpoint.Tuned outcome) {
    tuned = outcome;
    if (due()) {
      save(outcome.last() == null ? 0 : outcome.last().epoch(), null);
    }
  }

  /**
   * The fingerprint of a predictor run: the space (its weights and encoders), the rows (every
   * value, as text, related rows' included through the features), the target and its encoding,
   * the options, the split, the features the head reads, the head and the thread count.
   */
  static String fingerprint(String spaceFingerprint, Frame data, String target,
      Map<String, String> options, SpaceFeatures features, float[] targetValues, int[] fit,
      int[] validation, float[] classWeight, PredictorOptions.Loss loss, String head) {
    RunFingerprint f = new RunFingerprint().add("predictor").add(spaceFingerprint).add(target)
        .add(loss.text()).add(head).add(EngineRuntime.threads());
    new TreeMap<>(options).forEach((k, v) -> {
      if (!k.equals("async")) {
        f.add(k).add(v);
      }
    });
    f.add(data.rowCount()).add(data.columnCount());
    for (int c = 0; c < data.columnCount(); c++) {
      f.add(data.columns().get(c).name()).add(data.columns().get(c).jdbcType());
      for (Object value : data.column(c)) {
        f.add(value == null ? "\u0000null" : value.toString());
      }
    }
    return f.add(features.width()).add(features.values()).add(targetValues).add(fit)
        .add(validation).add(classWeight).hex();
  }

  private boolean due() {
    long interval = store.intervalSeconds();
    return fingerprint != null && interval >= 0
        && System.nanoTime() - lastSave >= interval * 1_000_000_000L;
  }

  private void save(int timelineEpoch, PredictorCheckpoint.HeadProgress head) {
    store.save(fingerprint, timelineEpoch, new PredictorCheckpoint(timelineEpoch,
        List.copyOf(attempts), head, tuned, RandomState.of(random), List.copyOf(timeline))
        .toBytes());
    lastSave = System.nanoTime();
  }
}
