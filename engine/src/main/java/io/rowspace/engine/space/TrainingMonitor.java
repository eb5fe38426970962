package io.rowspace.engine.space;

import io.rowspace.engine.checkpoint.TrainingCheckpoints;

/**
 * Receives what training reports while it runs, and may ask it to stop. Calls come from the
 * training thread; {@link #isCancelled()} is checked at every batch boundary.
 */
public interface TrainingMonitor {
  /** A monitor that ignores everything and never cancels. */
  TrainingMonitor NONE = new TrainingMonitor() {
    @Override
    public void progress(String phase, int step, int totalSteps, String message) {}

    @Override
    public void epoch(EpochRecord record) {}

    @Override
    public void warning(String message) {}
  };

  /** Progress within a phase such as {@code "profile"}, {@code "train"} or {@code "validate"}. */
  void progress(String phase, int step, int totalSteps, String message);

  /** One finished epoch, for the training timeline. */
  void epoch(EpochRecord record);

  /** A finding about the data or the training that the user should see. */
  void warning(String message);

  /**
   * Where training saves its checkpoints and finds one to resume from; none by default. The
   * space trainer and the predictor trainer use it.
   */
  default TrainingCheckpoints checkpoints() {
    return TrainingCheckpoints.NONE;
  }

  /** When true, training stops at the next batch boundary with a CANCELLED error. */
  default boolean isCancelled() {
    return false;
  }
}
