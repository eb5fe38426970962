package io.rowspace.sql.ddl;

import io.rowspace.engine.checkpoint.TrainingCheckpoints;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;
import io.rowspace.error.SqlStates;
import io.rowspace.sql.catalog.TimelineRecord;
import io.rowspace.sql.error.EngineErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches one training run for a statement: forwards progress to the user's listener, collects
 * the timeline and warnings, and asks training to stop when the statement is cancelled or runs
 * past {@code rowspace.maxTrainingSeconds}.
 */
final class TrainingProgress implements TrainingMonitor {
  private final StatementContext context;
  private final String phase;
  private final long deadlineNanos;
  private final List<TimelineRecord> timeline = new ArrayList<>();
  private final TrainingCheckpoints checkpoints;
  private boolean timedOut;

  TrainingProgress(StatementContext context, String phase) {
    this(context, phase, TrainingCheckpoints.NONE);
  }

  /** Watches a run that saves its checkpoints to (and resumes from) {@code checkpoints}. */
  TrainingProgress(StatementContext context, String phase, TrainingCheckpoints checkpoints) {
    this.context = context;
    this.checkpoints = checkpoints;
    this.phase = phase;
    long maxSeconds = context.session().settings().maxTrainingSeconds();
    this.deadlineNanos = maxSeconds > 0 ? System.nanoTime() + maxSeconds * 1_000_000_000L
        : Long.MAX_VALUE;
  }

  @Override public void progress(String stage, int step, int totalSteps, String message) {
    if (context.progress() != null) {
      context.progress().progress(phase + ": " + stage, step, totalSteps, message);
    }
  }

  @Override public void epoch(EpochRecord r) {
    timeline.add(new TimelineRecord(r.epoch(), r.learningRate(), r.trainLoss(),
        r.validationLoss(), r.dropout(), r.spreadLoss(), r.temperature(), r.gradNorm(),
        r.clippedGradNorm(), r.failures(), r.actions(), r.reconstructionLoss(),
        r.objectiveWeights(), r.meanCosine(), r.effectiveRank()));
  }

  @Override public void warning(String message) {
    context.warn(message);
  }

  @Override public TrainingCheckpoints checkpoints() {
    return checkpoints;
  }

  @Override public boolean isCancelled() {
    if (System.nanoTime() > deadlineNanos) {
      timedOut = true;
      return true;
    }
    return context.isCancelled();
  }

  /**
   * The SQL error for a failed training: as {@link EngineErrors#translate}, except that a stop
   * at {@code rowspace.maxTrainingSeconds} says so and how to avoid it.
   */
  SQLException translate(EngineException e, String what) {
    if (timedOut && SqlStates.CANCELLED.equals(e.sqlState())) {
      return ErrorCode.TRAINING_TIME_LIMIT.exception(e, what,
          context.session().settings().maxTrainingSeconds());
    }
    return EngineErrors.translate(e, what);
  }

  List<TimelineRecord> timeline() {
    return List.copyOf(timeline);
  }
}
