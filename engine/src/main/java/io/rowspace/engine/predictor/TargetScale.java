package io.rowspace.engine.predictor;

import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How a regression target's values map to what the network and trees learn: standardised, and
 * with option {@code target_transform = 'log'} after a natural logarithm. On the log scale the
 * models' squared errors weigh a 10% miss on a cheap house like one on a dear house, and
 * predictions, mapped back through {@code exp}, are never negative. The default ({@code none})
 * learns the values as they are: on the two skewed shared sets (ames and diamonds prices) the log
 * scale raised held-out and validation RMSE, as it targets the median rather than the mean
 * (docs/benchmarks.md). Immutable.
 *
 * @param mean mean of the (transformed) target on the fitting rows
 * @param std standard deviation of the (transformed) target on the fitting rows
 * @param log whether the target is learned as its logarithm
 */
public record TargetScale(double mean, double std, boolean log) {
  /** Classification targets: outputs are logits, not values. */
  public static final TargetScale NONE = new TargetScale(0, 1, false);

  /**
   * The scale of a regression target, from its values on the fitting rows.
   *
   * @param value the target's value on every training row
   * @param fit the rows the mean and spread are taken from
   * @param transform option {@code target_transform}
   * @param target the target column's name, for errors
   * @throws EngineException INVALID_OPTION when {@code log} is asked of a target with values at
   *     or below zero
   */
  public static TargetScale fit(double[] value, int[] fit, PredictorOptions.TargetTransform transform,
      String target) {
    boolean log = transform == PredictorOptions.TargetTransform.LOG;
    for (double v : value) {
      if (log && !(v > 0)) {
        throw ErrorCode.LOG_TARGET_NOT_POSITIVE.failure(target, v);
      }
    }
    double mean = 0;
    for (int i : fit) {
      mean += learned(value[i], log);
    }
    mean /= fit.length;
    double squares = 0;
    for (int i : fit) {
      double d = learned(value[i], log) - mean;
      squares += d * d;
    }
    double std = Math.sqrt(squares / Math.max(1, fit.length - 1));
    return new TargetScale(mean, std > 0 ? std : 1, log);
  }

  /** What the models learn for a value. */
  public float toModel(double value) {
    return (float) ((learned(value, log) - mean) / std);
  }

  /** The value a model's output stands for. */
  public double toValue(double output) {
    double v = output * std + mean;
    return log ? Math.exp(v) : v;
  }

  /** The option's resolved value. */
  public String describe() {
    return log ? "log" : "none";
  }

  public void write(DataOutput out) throws IOException {
    out.writeDouble(mean);
    out.writeDouble(std);
    out.writeBoolean(log);
  }

  /** Reads a scale; files before predictor format 6 hold no transform flag. */
  public static TargetScale read(DataInput in, boolean hasTransform) throws IOException {
    double mean = in.readDouble();
    double std = in.readDouble();
    return new TargetScale(mean, std, hasTransform && in.readBoolean());
  }

  private static double learned(double value, boolean log) {
    return log ? Math.log(value) : value;
  }
}
