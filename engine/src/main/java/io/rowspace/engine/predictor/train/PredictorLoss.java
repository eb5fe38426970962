package io.rowspace.engine.predictor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.nn.ScalarOps;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.Task;

/**
 * The loss a predictor's network is trained on: mean squared error or Huber on standardised
 * values (regression), class-weighted cross-entropy or focal loss on logits (classification).
 * Every scalar goes through {@link ScalarOps}, so gradients stay valid.
 */
final class PredictorLoss {
  private PredictorLoss() {}

  /**
   * The mean loss of a batch, a scalar on the tape.
   *
   * @param task what the network predicts
   * @param out network outputs, (B, outputs)
   * @param t per row, the standardised value (regression) or the class index
   * @param weights per class weight, used when {@code weighted}
   * @param loss mse, huber, cross_entropy or focal (never auto: training resolves it first)
   */
  static NDArray of(Task task, NDManager scope, NDArray out, float[] t, NDArray weights,
      PredictorOptions.Loss loss, boolean weighted) {
    int b = t.length;
    if (task == Task.REGRESSION) {
      NDArray residual = out.reshape(b).sub(scope.create(t));
      if (loss == PredictorOptions.Loss.HUBER) {
        NDArray a = residual.abs();
        NDArray q = a.clip(0f, 1f);
        return ScalarOps.mul(q.square(), 0.5f).add(a.sub(q)).mean();
      }
      return residual.square().mean();
    }
    int k = (int) out.getShape().get(1);
    float[] oneHot = new float[b * k];
    for (int i = 0; i < b; i++) {
      oneHot[i * k + (int) t[i]] = 1f;
    }
    NDArray y = scope.create(oneHot, new Shape(b, k));
    NDArray logLikelihood = out.logSoftmax(1).mul(y).sum(new int[] {1});
    NDArray w = weighted ? y.matMul(weights.reshape(k, 1)).reshape(b)
        : scope.ones(new Shape(b));
    NDArray perRow = logLikelihood.neg();
    if (loss == PredictorOptions.Loss.FOCAL) {
      NDArray p = logLikelihood.exp();
      perRow = perRow.mul(ScalarOps.add(p.neg(), 1f).square());
    }
    return perRow.mul(w).sum().div(w.sum());
  }

  /**
   * The sum over stacked models of each one's mean loss on its own batch, a scalar on the tape:
   * what {@link #of} gives per model, so that each model's gradient is the one it would have
   * alone.
   *
   * @param out the models' outputs, (models, B, outputs)
   * @param t per model, its rows' targets, model after model ({@code models x B})
   */
  static NDArray stacked(Task task, NDManager scope, NDArray out, float[] t, NDArray weights,
      PredictorOptions.Loss loss) {
    int models = (int) out.getShape().get(0);
    int b = (int) out.getShape().get(1);
    int[] rowAxis = {1};
    if (task == Task.REGRESSION) {
      NDArray residual = out.reshape(models, b).sub(scope.create(t, new Shape(models, b)));
      if (loss == PredictorOptions.Loss.HUBER) {
        NDArray a = residual.abs();
        NDArray q = a.clip(0f, 1f);
        return ScalarOps.mul(q.square(), 0.5f).add(a.sub(q)).mean(rowAxis).sum();
      }
      return residual.square().mean(rowAxis).sum();
    }
    int k = (int) out.getShape().get(2);
    float[] oneHot = new float[t.length * k];
    for (int i = 0; i < t.length; i++) {
      oneHot[i * k + (int) t[i]] = 1f;
    }
    NDArray y = scope.create(oneHot, new Shape(models, b, k));
    NDArray logLikelihood = out.logSoftmax(2).mul(y).sum(new int[] {2});
    NDArray w = y.matMul(weights.reshape(k, 1)).reshape(models, b);
    NDArray perRow = logLikelihood.neg();
    if (loss == PredictorOptions.Loss.FOCAL) {
      NDArray p = logLikelihood.exp();
      perRow = perRow.mul(ScalarOps.add(p.neg(), 1f).square());
    }
    return perRow.mul(w).sum(rowAxis).div(w.sum(rowAxis)).sum();
  }

  /** The loss validation rows are judged on: unweighted cross-entropy, or MSE. */
  static PredictorOptions.Loss validationLoss(Task task) {
    return task == Task.REGRESSION ? PredictorOptions.Loss.MSE : PredictorOptions.Loss.CROSS_ENTROPY;
  }
}
