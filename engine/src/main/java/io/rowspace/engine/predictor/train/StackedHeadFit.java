package io.rowspace.engine.predictor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.nn.GradientRecording;
import io.rowspace.engine.nn.OneCycleSchedule;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.error.ErrorCode;

import java.util.Random;

/**
 * Fits several heads of one shape side by side, each on rows of its own, for a fixed number of
 * epochs with nothing early-stopped: the fold heads of {@link OutOfFoldMembers}, so that the rows
 * a fold head predicts steer nothing. Each follows the schedule an attempt of the head's own fit
 * follows ({@link FrozenHeadFit}: AdamW, a one cycle spanning every planned epoch, peak
 * {@link FrozenHeadFit#PEAK_RATE} times the attempt's scale, dropout, the attempt's loss and class
 * weights), with its own initial weights, row orders and dropout masks.
 *
 * <p>Why side by side: on the frozen features a head's step is a handful of small native calls,
 * whose fixed cost is most of its time at a few hundred rows; stacked (the models' weights as
 * rows of one array, their batches as a leading axis, {@link
 * io.rowspace.engine.nn.ParameterLayout#stackedViews}) five heads cost those calls once. Each
 * model's loss is its own batch's mean and its gradient is clipped on its own norm
 * ({@link PredictorLoss#stacked}, {@link AdamW}), so each steps as it would alone. Every model
 * takes the same number of steps, those of the fewest rows (fold sizes differ by a row or so).
 */
final class StackedHeadFit {
  private final TrainingData data;
  private final PredictorHead head;
  private final int plannedEpochs;

  /**
   * @param data the features and targets of every row (the fitting rows are not read)
   * @param plannedEpochs the epochs the head's own fit planned, over which the one cycle spans
   */
  StackedHeadFit(TrainingData data, PredictorHead head, int plannedEpochs) {
    this.data = data;
    this.head = head;
    this.plannedEpochs = plannedEpochs;
  }

  /**
   * The weights of one head per entry of {@code rows}, each fitted on those rows alone for
   * {@code epochs} epochs (at most the planned ones).
   *
   * @param random the initial weights', row orders' and dropout masks' source
   * @param monitor progress; asked to cancel at every batch boundary
   */
  float[][] fit(AttemptSetting setting, int[][] rows, int epochs, Random random,
      TrainingMonitor monitor) {
    int models = rows.length;
    int fewest = Integer.MAX_VALUE;
    for (int[] r : rows) {
      fewest = Math.min(fewest, r.length);
    }
    int batch = HeadFitting.batchRows(fewest);
    int steps = HeadFitting.stepsPerEpoch(fewest);
    int epochsRun = Math.min(epochs, plannedEpochs);
    OneCycleSchedule schedule = new OneCycleSchedule(FrozenHeadFit.PEAK_RATE
        * setting.learningRateScale(), steps * plannedEpochs);
    int size = Math.toIntExact(head.layout().size());
    float[] initial = new float[models * size];
    for (int m = 0; m < models; m++) {
      System.arraycopy(head.layout().initialise(new Random(random.nextLong())), 0, initial,
          m * size, size);
    }
    int width = data.features().width();
    int dropout = head.dropoutWidth();
    float[] values = data.features().values();
    try (NDManager scopeParent = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray parameters = scopeParent.create(initial, new Shape(models, size));
      parameters.setRequiresGradient(true);
      AdamW optimiser = new AdamW(parameters, head.layout().decayMask(),
          ResolvedOptions.WEIGHT_DECAY);
      NDArray weights = scopeParent.create(setting.classWeight().length == 0 ? new float[] {1f}
          : setting.classWeight());
      int step = 0;
      for (int epoch = 1; epoch <= epochsRun; epoch++) {
        monitor.progress("out-of-fold", epoch, epochsRun, "fitting " + models + " fold heads "
            + "side by side, epoch " + epoch + "/" + epochsRun);
        int[][] order = new int[models][];
        for (int m = 0; m < models; m++) {
          order[m] = RowOrder.shuffled(rows[m].length, random);
        }
        for (int s = 0; s < steps; s++) {
          if (monitor.isCancelled()) {
            throw ErrorCode.PREDICTOR_TRAINING_CANCELLED.failure();
          }
          float[] x = new float[models * batch * width];
          float[] t = new float[models * batch];
          for (int m = 0; m < models; m++) {
            for (int i = 0; i < batch; i++) {
              int row = rows[m][order[m][s * batch + i]];
              int at = m * batch + i;
              System.arraycopy(values, row * width, x, at * width, width);
              t[at] = data.targetValues()[row];
            }
          }
          float[] keep = new float[models * batch * dropout];
          for (int i = 0; i < keep.length; i++) {
            keep[i] = random.nextFloat() < ResolvedOptions.DROPOUT ? 0f
                : 1f / (1f - ResolvedOptions.DROPOUT);
          }
          try (NDManager scope = scopeParent.newSubManager();
              GradientRecording collector = GradientRecording.start()) {
            NDArray out = head.forward(head.layout().stackedViews(parameters, scope),
                scope.create(x, new Shape(models, batch, width)),
                scope.create(keep, new Shape(models, batch, dropout)));
            collector.backward(PredictorLoss.stacked(data.task(), scope, out, t, weights,
                setting.loss()));
          }
          optimiser.step((float) schedule.rate(step++), 1.0);
        }
      }
      float[] fitted = parameters.toFloatArray();
      float[][] out = new float[models][];
      for (int m = 0; m < models; m++) {
        out[m] = java.util.Arrays.copyOfRange(fitted, m * size, (m + 1) * size);
      }
      return out;
    }
  }
}
