package io.rowspace.engine.predictor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.nn.GradientRecording;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.util.Locale;
import java.util.Random;

/**
 * The epoch loop that fits a predictor's head, early-stopped on the validation loss: shared by
 * the head on the frozen space ({@link FrozenHeadFit}) and by fine-tuning, where layers of the
 * space train with it ({@link SpaceFineTuning}). Each epoch shuffles the fitting rows, draws a
 * dropout mask per batch, steps the optimisers on a one-cycle schedule, measures the validation
 * loss and keeps the best epoch's weights; it stops after {@code patience} epochs without
 * improvement. Epoch records go to the monitor as they finish, except the last, which stays in
 * the {@link State} for the caller to complete with what it then detects.
 */
final class HeadFitting {
  /** What one loop trains. */
  interface Model {
    /** The mean loss of a batch of fitting rows under a dropout mask, on the tape, in scope. */
    NDArray batchLoss(NDManager scope, int[] rows, float[] keep);

    /** Takes the optimiser step(s) of schedule step {@code step} after a batch's backward. */
    Step step(int step);

    /**
     * The validation rows' loss with the current weights, or NaN when the loop has no rows to
     * early-stop on (a fixed number of epochs: every epoch's weights are kept in turn, so the
     * last epoch's are the result).
     */
    double validationLoss();

    /** Keeps the current weights as the best so far. */
    void keepBest();
  }

  /** Called after each epoch but the last, unless it stopped early: where checkpoints go. */
  interface EpochEnd {
    void after(int epoch, State state);
  }

  /**
   * One optimiser step.
   *
   * @param rate the head's learning rate at that step
   * @param gradNorm the head's gradient norm
   * @param clippedGradNorm the head's gradient norm after clipping
   */
  record Step(double rate, double gradNorm, double clippedGradNorm) {}

  /**
   * How a loop reports itself.
   *
   * @param phase the monitor's progress phase
   * @param progressPrefix text before "epoch i/n" in progress messages
   * @param firstEpochAction the first epoch record's action (may be empty)
   * @param earlyStopping the early-stopping action, before the number of the epoch kept
   */
  record Labels(String phase, String progressPrefix, String firstEpochAction,
      String earlyStopping) {}

  /** Where a loop is; a resumed run sets it from its checkpoint before running. */
  static final class State {
    int nextEpoch = 1;
    int step;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch;
    /** The last epoch's record, not yet given to the monitor. */
    EpochRecord last;
    /** Epochs run. */
    int ran;
  }

  private final int[] fit;
  private final int epochs;
  private final int patience;
  private final int epochOffset;
  private final int dropoutWidth;
  private final Labels labels;
  private final TrainingMonitor monitor;

  /**
   * A loop over the fitting rows.
   *
   * @param epochs epochs at most
   * @param patience epochs without a lower validation loss before stopping
   * @param epochOffset the timeline's epoch number before this loop's first epoch
   * @param dropoutWidth dropout mask values per row
   */
  HeadFitting(int[] fit, int epochs, int patience, int epochOffset, int dropoutWidth,
      Labels labels, TrainingMonitor monitor) {
    this.fit = fit;
    this.epochs = epochs;
    this.patience = patience;
    this.epochOffset = epochOffset;
    this.dropoutWidth = dropoutWidth;
    this.labels = labels;
    this.monitor = monitor;
  }

  /** Rows per batch: 256, or all fitting rows when fewer. */
  static int batchRows(int fitRows) {
    return Math.min(256, fitRows);
  }

  /** Full batches per epoch (at least one). */
  static int stepsPerEpoch(int fitRows) {
    return Math.max(1, fitRows / batchRows(fitRows));
  }

  /**
   * Runs the loop from {@code state}, drawing row orders and dropout masks from {@code random}.
   *
   * @param model the native memory scope batches are computed in
   * @throws EngineException CANCELLED when the monitor cancels, at a batch boundary
   */
  void run(NDManager scopeParent, Model model, State state, Random random, EpochEnd end) {
    int batch = batchRows(fit.length);
    int stepsPerEpoch = stepsPerEpoch(fit.length);
    for (int epoch = state.nextEpoch; epoch <= epochs; epoch++) {
      int[] order = RowOrder.shuffled(fit.length, random);
      double lossSum = 0;
      double normSum = 0;
      double clippedSum = 0;
      double rate = 0;
      for (int s = 0; s < stepsPerEpoch; s++) {
        if (monitor.isCancelled()) {
          throw ErrorCode.PREDICTOR_TRAINING_CANCELLED.failure();
        }
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
          rows[i] = fit[order[s * batch + i]];
        }
        float[] keep = new float[batch * dropoutWidth];
        for (int i = 0; i < keep.length; i++) {
          keep[i] = random.nextFloat() < ResolvedOptions.DROPOUT ? 0f
              : 1f / (1f - ResolvedOptions.DROPOUT);
        }
        try (NDManager scope = scopeParent.newSubManager();
            GradientRecording collector = GradientRecording.start()) {
          NDArray l = model.batchLoss(scope, rows, keep);
          collector.backward(l);
          lossSum += l.getFloat();
        }
        Step result = model.step(state.step++);
        rate = result.rate();
        normSum += result.gradNorm();
        clippedSum += result.clippedGradNorm();
      }
      double validationLoss = model.validationLoss();
      state.ran = epoch;
      String actions = epoch == 1 ? labels.firstEpochAction() : "";
      boolean stop = false;
      if (Double.isNaN(validationLoss) || validationLoss < state.bestLoss) {
        state.bestLoss = validationLoss;
        state.bestEpoch = epoch;
        model.keepBest();
      } else if (epoch - state.bestEpoch >= patience) {
        actions = labels.earlyStopping() + state.bestEpoch;
        stop = true;
      }
      if (state.last != null) {
        monitor.epoch(state.last);
      }
      state.last = new EpochRecord(epochOffset + epoch, rate, lossSum / stepsPerEpoch,
          validationLoss, ResolvedOptions.DROPOUT, Double.NaN, Double.NaN,
          normSum / stepsPerEpoch, clippedSum / stepsPerEpoch, "", actions);
      monitor.progress(labels.phase(), epoch, epochs, labels.progressPrefix()
          + String.format(Locale.ROOT, "epoch %d/%d: validation loss %.4f", epoch, epochs,
              validationLoss));
      if (stop) {
        break;
      }
      if (epoch < epochs) {
        end.after(epoch, state);
      }
    }
  }

  /** The record with the failures detected and the actions taken after it added. */
  static EpochRecord diagnosed(EpochRecord r, String failures, String actions) {
    return new EpochRecord(r.epoch(), r.learningRate(), r.trainLoss(), r.validationLoss(),
        r.dropout(), r.spreadLoss(), r.temperature(), r.gradNorm(), r.clippedGradNorm(),
        failures, join(r.actions(), actions));
  }

  /** Two texts joined by a comma, either maybe empty. */
  static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
  }
}
