package io.rowspace.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * AdamW over one flat parameter vector, with global gradient-norm clipping. The moments live in
 * the same long-lived manager as the parameters; each step's temporaries live in a child manager.
 *
 * <p>Parameters of shape (models, n) are that many models trained side by side (their weights
 * stacked, as {@link ParameterLayout#stackedViews} reads them): each row's gradient is clipped on
 * its own norm, so every model steps as it would alone.
 */
public final class AdamW {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final NDArray parameters;
  private final NDArray firstMoment;
  private final NDArray secondMoment;
  private final NDArray decayMask;
  private final float weightDecay;
  private int steps;

  /** Result of one step: the gradient norm before and after clipping. */
  public record Step(double gradNorm, double clippedGradNorm, boolean skipped) {}

  public AdamW(NDArray parameters, float[] decayMask, float weightDecay) {
    NDManager manager = parameters.getManager();
    this.parameters = parameters;
    long n = parameters.getShape().size();
    Shape shape = parameters.getShape().dimension() == 2 ? parameters.getShape() : new Shape(n);
    this.firstMoment = manager.zeros(shape);
    this.secondMoment = manager.zeros(shape);
    this.decayMask = manager.create(decayMask);
    this.weightDecay = weightDecay;
  }

  /**
   * Starts again from the given weights: they replace the parameters, and the moments and the
   * step count are cleared, as for a new optimiser. Training uses it to roll back.
   */
  public void restart(float[] values) {
    if (values.length != parameters.getShape().size()) {
      throw new IllegalArgumentException("AdamW restart needs " + parameters.getShape().size()
          + " weights, got " + values.length);
    }
    parameters.set(java.nio.FloatBuffer.wrap(values));
    float[] zeros = new float[values.length];
    firstMoment.set(java.nio.FloatBuffer.wrap(zeros));
    secondMoment.set(java.nio.FloatBuffer.wrap(zeros));
    steps = 0;
  }

  /** The optimiser's state, for a checkpoint: both moments and the step count. */
  public record State(float[] firstMoment, float[] secondMoment, int steps) {}

  /** The current state; the parameters themselves are read from their array. */
  public State state() {
    return new State(firstMoment.toFloatArray(), secondMoment.toFloatArray(), steps);
  }

  /**
   * Continues from a checkpoint: the parameters and the state replace the current ones, so the
   * next steps are those the checkpointed optimiser would have taken.
   */
  public void resume(float[] values, State state) {
    long n = parameters.getShape().size();
    if (values.length != n || state.firstMoment().length != n
        || state.secondMoment().length != n) {
      throw new IllegalArgumentException("AdamW resume needs " + n + " weights and moments");
    }
    parameters.set(java.nio.FloatBuffer.wrap(values));
    firstMoment.set(java.nio.FloatBuffer.wrap(state.firstMoment()));
    secondMoment.set(java.nio.FloatBuffer.wrap(state.secondMoment()));
    steps = state.steps();
  }

  /**
   * Applies the accumulated gradient and clears it. A non-finite gradient skips the update.
   *
   * @param learningRate step size
   * @param clipNorm the global gradient norm is scaled down to at most this value (each model's,
   *     for stacked models; the norms returned are then the models' mean)
   */
  public Step step(float learningRate, double clipNorm) {
    try (NDManager scope = parameters.getManager().newSubManager()) {
      NDArray grad = parameters.getGradient();
      grad.attach(scope);
      double norm;
      double clipped;
      NDArray g;
      if (parameters.getShape().dimension() == 2) {
        float[] norms = grad.square().sum(new int[] {1}).sqrt().toFloatArray();
        float[] scales = new float[norms.length];
        norm = 0;
        clipped = 0;
        for (int m = 0; m < norms.length; m++) {
          scales[m] = norms[m] > clipNorm ? (float) (clipNorm / norms[m]) : 1f;
          norm += norms[m] / norms.length;
          clipped += norms[m] * scales[m] / norms.length;
        }
        if (!Double.isFinite(norm)) {
          JniUtils.zeroGrad((PtNDArray) parameters);
          return new Step(norm, 0, true);
        }
        g = grad.mul(scope.create(scales, new Shape(norms.length, 1)));
      } else {
        norm = Math.sqrt(grad.square().sum().getFloat());
        if (!Double.isFinite(norm)) {
          JniUtils.zeroGrad((PtNDArray) parameters);
          return new Step(norm, 0, true);
        }
        double scale = norm > clipNorm ? clipNorm / norm : 1.0;
        clipped = norm * scale;
        g = scale == 1.0 ? grad : grad.mul((float) scale);
      }
      steps++;
      firstMoment.muli(BETA1).addi(g.mul(1 - BETA1));
      secondMoment.muli(BETA2).addi(g.square().muli(1 - BETA2));
      double c1 = 1 - Math.pow(BETA1, steps);
      double c2 = 1 - Math.pow(BETA2, steps);
      // Results of operations on long-lived arrays belong to their manager: move them to the step scope.
      NDArray update = firstMoment.div((float) c1);
      update.attach(scope);
      NDArray denominator = secondMoment.div((float) c2);
      denominator.attach(scope);
      update.divi(denominator.sqrt().addi(EPSILON));
      NDArray decay = decayMask.mul(parameters);
      decay.attach(scope);
      update.addi(decay.muli(weightDecay));
      parameters.subi(update.muli(learningRate));
      JniUtils.zeroGrad((PtNDArray) parameters);
      return new Step(norm, clipped, false);
    }
  }
}
