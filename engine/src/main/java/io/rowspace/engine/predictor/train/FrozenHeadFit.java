package io.rowspace.engine.predictor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.nn.OneCycleSchedule;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.TrainingMonitor;

import java.util.Random;

/**
 * Fits the head on the frozen space's features, one attempt at a time ({@link AttemptSetting}):
 * AdamW on a one-cycle schedule (peak 2e-3 times the attempt's scale) through the
 * {@link HeadFitting} loop, early-stopped with a patience of a tenth of the epochs (at least 10),
 * checkpointed between epochs and resumed from a checkpoint bit-identically.
 */
final class FrozenHeadFit {
  /** Peak learning rate of the head on the frozen space. */
  static final double PEAK_RATE = 2e-3;

  /**
   * A fitted attempt.
   *
   * @param parameters the best epoch's weights
   * @param bestEpoch the epoch of those weights, counted from the attempt's first
   * @param last the last epoch's record, not yet given to the monitor
   */
  record Fitted(float[] parameters, int bestEpoch, EpochRecord last) {}

  private final TrainingData data;
  private final PredictorHead head;
  private final int epochs;
  private final PredictorCheckpoints checkpoints;
  private final TrainingMonitor monitor;

  FrozenHeadFit(TrainingData data, PredictorHead head, int epochs,
      PredictorCheckpoints checkpoints, TrainingMonitor monitor) {
    this.data = data;
    this.head = head;
    this.epochs = epochs;
    this.checkpoints = checkpoints;
    this.monitor = monitor;
  }

  /**
   * Attempt {@code index} (0: the first): its saved result when a checkpoint holds one, else
   * trained (from a checkpoint taken during it, when there is one).
   *
   * @param epochOffset the timeline's epoch number before the attempt's first epoch
   */
  Fitted fit(AttemptSetting setting, int epochOffset, int index) {
    PredictorCheckpoint.Attempt saved = checkpoints.finishedAttempt(index);
    if (saved != null) {
      checkpoints.takeOverRandom();
      return new Fitted(saved.parameters(), saved.bestEpoch(), saved.last());
    }
    Fitted fitted = train(setting, epochOffset, index);
    checkpoints.attemptDone(fitted.parameters(), fitted.bestEpoch(), fitted.last());
    return fitted;
  }

  /** Fold heads of this fit's head on its features, fitted side by side on its schedule. */
  StackedHeadFit stacked() {
    return new StackedHeadFit(data, head, epochs);
  }

  /** The mean loss of a batch of rows under a dropout mask, on the tape, in scope. */
  private NDArray loss(NDManager scope, NDArray parameters, NDArray weights,
      AttemptSetting setting, int[] rows, float[] keep) {
    SpaceFeatures b = data.features().select(rows);
    NDArray out = head.forward(head.layout().views(parameters, scope),
        scope.create(b.values(), new Shape(rows.length, b.width())),
        scope.create(keep, new Shape(rows.length, head.dropoutWidth())));
    return PredictorLoss.of(data.task(), scope, out, data.targets(rows), weights,
        setting.loss(), true);
  }

  private Fitted train(AttemptSetting setting, int epochOffset, int index) {
    int[] fit = data.fit();
    int stepsPerEpoch = HeadFitting.stepsPerEpoch(fit.length);
    int patience = Math.max(10, epochs / 10);
    OneCycleSchedule schedule = new OneCycleSchedule(PEAK_RATE * setting.learningRateScale(),
        stepsPerEpoch * epochs);
    float[] initial = head.layout().initialise(new Random(checkpoints.random().nextLong()));
    SpaceFeatures validationFeatures = data.features().select(data.validation());
    float[] validationTargets = data.validationTargets();
    HeadFitting.State state = new HeadFitting.State();
    try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray parameters = model.create(initial);
      parameters.setRequiresGradient(true);
      AdamW optimiser = new AdamW(parameters, head.layout().decayMask(),
          ResolvedOptions.WEIGHT_DECAY);
      float[] classWeight = setting.classWeight();
      NDArray weights = model.create(classWeight.length == 0 ? new float[] {1f} : classWeight);
      float[][] best = {initial};
      PredictorCheckpoint.HeadProgress saved = checkpoints.headInProgress(index);
      if (saved != null) {
        optimiser.resume(saved.parameters(), new AdamW.State(saved.firstMoment(),
            saved.secondMoment(), saved.adamSteps()));
        state.step = saved.step();
        best[0] = saved.best();
        state.bestLoss = saved.bestLoss();
        state.bestEpoch = saved.bestEpoch();
        state.last = saved.last();
        state.nextEpoch = saved.epoch() + 1;
        checkpoints.takeOverRandom();
      }
      HeadFitting.Model fitted = new HeadFitting.Model() {
        @Override
        public NDArray batchLoss(NDManager scope, int[] rows, float[] keep) {
          return loss(scope, parameters, weights, setting, rows, keep);
        }

        @Override
        public HeadFitting.Step step(int step) {
          double rate = schedule.rate(step);
          AdamW.Step result = optimiser.step((float) rate, 1.0);
          return new HeadFitting.Step(rate, result.gradNorm(), result.clippedGradNorm());
        }

        @Override
        public double validationLoss() {
          try (NDManager scope = model.newSubManager()) {
            NDArray out = head.forward(head.layout().views(parameters, scope),
                scope.create(validationFeatures.values(),
                    new Shape(validationFeatures.rows(), validationFeatures.width())), null);
            return PredictorLoss.of(data.task(), scope, out, validationTargets, weights,
                PredictorLoss.validationLoss(data.task()), false).getFloat();
          }
        }

        @Override
        public void keepBest() {
          best[0] = parameters.toFloatArray();
        }
      };
      HeadFitting loop = new HeadFitting(fit, epochs, patience, epochOffset, head.dropoutWidth(),
          new HeadFitting.Labels("train", "", "", "early stopping, keeping epoch "), monitor);
      loop.run(model, fitted, state, checkpoints.random(), (epoch, at) -> {
        int steps = at.step;
        float[] kept = best[0];
        double keptLoss = at.bestLoss;
        int keptEpoch = at.bestEpoch;
        checkpoints.headEpoch(epochOffset + epoch, () -> {
          AdamW.State adam = optimiser.state();
          return new PredictorCheckpoint.HeadProgress(epoch, parameters.toFloatArray(),
              adam.firstMoment(), adam.secondMoment(), adam.steps(), steps, kept, keptLoss,
              keptEpoch, at.last);
        });
      });
      return new Fitted(best[0], state.bestEpoch, state.last);
    }
  }
}
