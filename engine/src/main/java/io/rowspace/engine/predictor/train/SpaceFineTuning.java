package io.rowspace.engine.predictor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.nn.GradientRecording;
import io.rowspace.engine.nn.OneCycleSchedule;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceForwardPass;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.TunedLayers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tuning of an embedding space's transformer layers for one predictor (option
 * {@code fine_tune}): the head, already trained on the frozen space, and the chosen layers are
 * trained together at a small learning rate, early-stopped on the validation rows.
 *
 * <p>{@code fine_tune = true} tunes every layer. {@code fine_tune = auto} first measures each
 * layer's Fisher information for this target: the mean, per weight, of the squared gradient of
 * the predictor's loss on a few training batches, normalised so the layers' shares sum to 1; the
 * layers with at least an equal share (1 / layers) are tuned, the largest first. The caller then
 * keeps the tuned model only if its validation loss (log loss, or RMSE for regression) is at least
 * {@link #MIN_GAIN} lower than the frozen one's.
 *
 * <p>The space's own weights are never changed: the tuned weights live in this object's result
 * and go into the predictor ({@link TunedLayers}).
 */
final class SpaceFineTuning {
  /** Peak learning rate of the space's tuned layers; the head's is {@link #HEAD_RATE}. */
  static final double SPACE_RATE = 1e-4;
  static final double HEAD_RATE = 5e-4;
  /** Optimisation steps fine-tuning aims at, spread over at least 3 and at most 30 epochs. */
  static final int TARGET_STEPS = 400;
  static final int PATIENCE = 3;
  /** Training batches the Fisher information is averaged over. */
  static final int FISHER_BATCHES = 4;
  /**
   * How much lower (relatively) {@code auto} needs the fine-tuned validation loss to be before it
   * keeps it: smaller differences are noise of the validation rows, not worth a copy of layers.
   */
  static final double MIN_GAIN = 0.005;
  private static final int CHUNK_ROWS = 1024;

  /**
   * What fine-tuning produced.
   *
   * @param layers the tuned layers
   * @param fisherShare per layer (all layers), its normalised Fisher information; empty when
   *     every layer was tuned without measuring
   * @param spaceWeights the space's full flat weight vector with the tuned layers' best values
   * @param headParameters the head's weights at the best epoch
   * @param epochs epochs run
   * @param last the last epoch's record, not yet given to the monitor
   */
  record Result(List<Integer> layers, Map<Integer, Double> fisherShare, float[] spaceWeights,
      float[] headParameters, int epochs, EpochRecord last) {}

  private final SpaceForwardPass pass;
  private final float[] spaceWeights;
  private final PredictorHead head;
  private final boolean withColumns;
  private final float[] featureMean;
  private final float[] featureStd;
  private final Task task;
  private final float[] targetValues;
  private final float[] classWeight;
  private final PredictorOptions.Loss loss;
  private final Random random;
  private final TrainingMonitor monitor;

  SpaceFineTuning(SpaceForwardPass pass, float[] spaceWeights, PredictorHead head,
      boolean withColumns, float[] featureMean, float[] featureStd, Task task,
      float[] targetValues, float[] classWeight, PredictorOptions.Loss loss, Random random,
      TrainingMonitor monitor) {
    this.pass = pass;
    this.spaceWeights = spaceWeights;
    this.head = head;
    this.withColumns = withColumns;
    this.featureMean = featureMean;
    this.featureStd = featureStd;
    this.task = task;
    this.targetValues = targetValues;
    this.classWeight = classWeight;
    this.loss = loss;
    this.random = random;
    this.monitor = monitor;
  }

  /**
   * Per layer, its share of the Fisher information of the predictor's loss, measured with the
   * head's current weights on up to {@link #FISHER_BATCHES} batches of fitting rows.
   */
  Map<Integer, Double> fisherShares(float[] headParameters, int[] fit) {
    int batch = Math.min(256, fit.length);
    int batches = Math.max(1, Math.min(FISHER_BATCHES, fit.length / batch));
    int[] order = permutation(fit.length);
    double[] perWeight = new double[pass.layers()];
    try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray flat = model.create(spaceWeights);
      flat.setRequiresGradient(true);
      NDArray headWeights = model.create(headParameters);
      NDArray mean = model.create(featureMean);
      NDArray std = model.create(featureStd);
      NDArray weights = model.create(classWeight.length == 0 ? new float[] {1f} : classWeight);
      ParameterLayout layout = pass.layout();
      for (int s = 0; s < batches; s++) {
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
          rows[i] = fit[order[s * batch + i]];
        }
        float[] gradient;
        try (NDManager scope = model.newSubManager()) {
          try (GradientRecording collector = GradientRecording.start()) {
            NDArray x = inputs(flat, scope, rows, mean, std);
            NDArray out = head.forward(head.layout().views(headWeights, scope), x, null);
            collector.backward(PredictorLoss.of(task, scope, out, targets(rows), weights, loss,
                true));
          }
          NDArray g = flat.getGradient();
          g.attach(scope);
          gradient = g.toFloatArray();
          JniUtils.zeroGrad((PtNDArray) flat);
        }
        for (int layer = 0; layer < pass.layers(); layer++) {
          for (String name : pass.layerWeights(layer)) {
            int from = Math.toIntExact(layout.offset(name));
            int to = from + Math.toIntExact(layout.size(name));
            for (int i = from; i < to; i++) {
              perWeight[layer] += (double) gradient[i] * gradient[i];
            }
          }
        }
      }
      double total = 0;
      for (int layer = 0; layer < pass.layers(); layer++) {
        long count = 0;
        for (String name : pass.layerWeights(layer)) {
          count += layout.size(name);
        }
        perWeight[layer] /= (double) batches * count;
        total += perWeight[layer];
      }
      Map<Integer, Double> shares = new LinkedHashMap<>();
      for (int layer = 0; layer < pass.layers(); layer++) {
        shares.put(layer, total > 0 ? perWeight[layer] / total : 1.0 / pass.layers());
      }
      return shares;
    }
  }

  /** Whether {@code auto} keeps a fine-tuned model with this validation score over frozen. */
  static boolean beats(double fineTuned, double frozen) {
    return fineTuned < frozen * (1 - MIN_GAIN);
  }

  /**
   * The layers {@code auto} tunes: those whose Fisher share is at least the mean share, in
   * decreasing order of share (at least one).
   */
  static List<Integer> chooseLayers(Map<Integer, Double> shares) {
    List<Integer> order = new ArrayList<>(shares.keySet());
    order.sort(Comparator.comparing((Integer l) -> -shares.get(l)).thenComparing(l -> l));
    List<Integer> chosen = new ArrayList<>();
    double mean = 1.0 / shares.size();
    for (int layer : order) {
      if (chosen.isEmpty() || shares.get(layer) >= mean - 1e-12) {
        chosen.add(layer);
      }
    }
    return chosen;
  }

  /**
   * Trains the given layers and the head together, starting from the frozen model, and keeps the
   * epoch with the lowest validation loss.
   */
  Result train(List<Integer> layers, Map<Integer, Double> fisherShare, float[] headParameters,
      int[] fit, int[] validation, int epochOffset) {
    ParameterLayout layout = pass.layout();
    List<long[]> ranges = new ArrayList<>();
    for (int layer : layers.stream().sorted().toList()) {
      for (String name : pass.layerWeights(layer)) {
        ranges.add(new long[] {layout.offset(name), layout.size(name)});
      }
    }
    ranges.sort(Comparator.comparingLong(r -> r[0]));
    int tunedSize = 0;
    for (long[] r : ranges) {
      tunedSize += (int) r[1];
    }
    float[] tunedStart = new float[tunedSize];
    int at = 0;
    for (long[] r : ranges) {
      System.arraycopy(spaceWeights, (int) r[0], tunedStart, at, (int) r[1]);
      at += (int) r[1];
    }
    int stepsPerEpoch = HeadFitting.stepsPerEpoch(fit.length);
    int epochs = Math.max(3, Math.min(30, (TARGET_STEPS + stepsPerEpoch - 1) / stepsPerEpoch));
    OneCycleSchedule spaceSchedule = new OneCycleSchedule(SPACE_RATE, stepsPerEpoch * epochs);
    OneCycleSchedule headSchedule = new OneCycleSchedule(HEAD_RATE, stepsPerEpoch * epochs);
    float[][] bestTuned = {tunedStart};
    float[][] bestHead = {headParameters};
    String what = "fine-tuning layer" + (layers.size() == 1 ? " " : "s ")
        + TunedLayers.describe(layers);
    HeadFitting.State state = new HeadFitting.State();
    try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray base = model.create(spaceWeights);
      NDArray tuned = model.create(tunedStart);
      tuned.setRequiresGradient(true);
      NDArray headWeights = model.create(headParameters);
      headWeights.setRequiresGradient(true);
      AdamW spaceOptimiser = new AdamW(tuned, new float[tunedSize], 0f);
      AdamW headOptimiser = new AdamW(headWeights, head.layout().decayMask(),
          ResolvedOptions.WEIGHT_DECAY);
      NDArray mean = model.create(featureMean);
      NDArray std = model.create(featureStd);
      NDArray weights = model.create(classWeight.length == 0 ? new float[] {1f} : classWeight);
      HeadFitting.Model together = new HeadFitting.Model() {
        @Override
        public NDArray batchLoss(NDManager scope, int[] rows, float[] keep) {
          NDArray flat = compose(scope, base, tuned, ranges);
          NDArray x = inputs(flat, scope, rows, mean, std);
          NDArray out = head.forward(head.layout().views(headWeights, scope), x,
              scope.create(keep, new Shape(rows.length, head.dropoutWidth())));
          return PredictorLoss.of(task, scope, out, targets(rows), weights, loss, true);
        }

        @Override
        public HeadFitting.Step step(int step) {
          double rate = headSchedule.rate(step);
          AdamW.Step result = headOptimiser.step((float) rate, 1.0);
          spaceOptimiser.step((float) spaceSchedule.rate(step), 1.0);
          return new HeadFitting.Step(rate, result.gradNorm(), result.clippedGradNorm());
        }

        @Override
        public double validationLoss() {
          return SpaceFineTuning.this.validationLoss(model, base, tuned, headWeights, ranges,
              validation, mean, std, weights);
        }

        @Override
        public void keepBest() {
          bestTuned[0] = tuned.toFloatArray();
          bestHead[0] = headWeights.toFloatArray();
        }
      };
      new HeadFitting(fit, epochs, PATIENCE, epochOffset, head.dropoutWidth(),
          new HeadFitting.Labels("fine-tune", what + ", ", what,
              "early stopping of fine-tuning, keeping its epoch "), monitor)
          .run(model, together, state, random, (epoch, reached) -> { });
    }
    float[] full = spaceWeights.clone();
    at = 0;
    for (long[] r : ranges) {
      System.arraycopy(bestTuned[0], at, full, (int) r[0], (int) r[1]);
      at += (int) r[1];
    }
    return new Result(layers, fisherShare, full, bestHead[0], state.ran, state.last);
  }

  private double validationLoss(NDManager model, NDArray base, NDArray tuned,
      NDArray headWeights, List<long[]> ranges, int[] validation, NDArray mean, NDArray std,
      NDArray weights) {
    float[] outputs = new float[validation.length * head.outputs()];
    for (int from = 0; from < validation.length; from += CHUNK_ROWS) {
      int[] rows = Arrays.copyOfRange(validation, from, Math.min(validation.length,
          from + CHUNK_ROWS));
      try (NDManager scope = model.newSubManager()) {
        NDArray flat = compose(scope, base, tuned, ranges);
        NDArray out = head.forward(head.layout().views(headWeights, scope),
            inputs(flat, scope, rows, mean, std), null);
        System.arraycopy(out.toFloatArray(), 0, outputs, from * head.outputs(),
            rows.length * head.outputs());
      }
    }
    try (NDManager scope = model.newSubManager()) {
      NDArray out = scope.create(outputs, new Shape(validation.length, head.outputs()));
      return PredictorLoss.of(task, scope, out, targets(validation), weights,
          PredictorLoss.validationLoss(task), false).getFloat();
    }
  }

  /** The head's standardised inputs for the given rows, on the given space weights. */
  private NDArray inputs(NDArray flat, NDManager scope, int[] rows, NDArray mean, NDArray std) {
    NDArray x = pass.outputs(flat, scope, rows);
    if (withColumns) {
      x = x.concat(scope.create(pass.columnFeatures(rows),
          new Shape(rows.length, pass.columnFeatureWidth())), 1);
    }
    return x.sub(mean).div(std);
  }

  /** The space's full weight vector: frozen values, with the tuned ranges from {@code tuned}. */
  private static NDArray compose(NDManager scope, NDArray base, NDArray tuned,
      List<long[]> ranges) {
    NDList pieces = new NDList();
    long position = 0;
    long inTuned = 0;
    for (long[] r : ranges) {
      if (r[0] > position) {
        pieces.add(base.get(scope, new NDIndex().addSliceDim(position, r[0])));
      }
      pieces.add(tuned.get(scope, new NDIndex().addSliceDim(inTuned, inTuned + r[1])));
      inTuned += r[1];
      position = r[0] + r[1];
    }
    long size = base.getShape().get(0);
    if (position < size) {
      pieces.add(base.get(scope, new NDIndex().addSliceDim(position, size)));
    }
    NDArray flat = NDArrays.concat(pieces, 0);
    flat.attach(scope);
    return flat;
  }

  private float[] targets(int[] rows) {
    float[] t = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      t[i] = targetValues[rows[i]];
    }
    return t;
  }

  private int[] permutation(int n) {
    return RowOrder.shuffled(n, random);
  }
}
