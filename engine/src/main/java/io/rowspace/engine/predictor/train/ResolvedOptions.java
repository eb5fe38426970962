package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.TargetScale;
import io.rowspace.engine.predictor.Task;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options a predictor trains with, resolved once from the validated
 * {@link PredictorOptions} and the data (task, loss, head and its sizes, epochs, positive class,
 * threshold rule, target transform) and held typed; the training stages read these, never the
 * options' text. {@link #provenance} gives the text form saved with the predictor
 * ({@code Predictor.options()}, {@code ROWSPACE.PREDICTORS.options}) together with what training
 * decided ({@link TrainingDecisions}).
 *
 * @param options the options as given (validated)
 * @param task the task, given or detected
 * @param loss the loss, {@code auto} resolved
 * @param head the head trained, with its sizes
 * @param epochs the head's planned epochs, before early stopping
 * @param positiveLabel the positive class (binary), else null
 * @param thresholdRule how the binary threshold is chosen, else null
 * @param targetScale the regression target's scale (none for classification)
 */
record ResolvedOptions(PredictorOptions options, Task task, PredictorOptions.Loss loss,
    PredictorHead head, int epochs, String positiveLabel, DecisionThreshold.Rule thresholdRule,
    TargetScale targetScale) {
  static final double VALIDATION_FRACTION = 0.2;
  static final float DROPOUT = 0.2f;
  static final float WEIGHT_DECAY = 0.05f;
  /** Optimizer steps the head's training aims at, when option {@code epochs} is not given. */
  static final int TARGET_STEPS = 1500;

  /** Resolves the options of a run whose target, loss, head and fitting rows are known. */
  static ResolvedOptions resolve(PredictorOptions options, TargetColumn target,
      PredictorOptions.Loss loss, PredictorHead head, int fitRows, TargetScale targetScale) {
    return new ResolvedOptions(options, target.task(), loss, head,
        plannedEpochs(options, fitRows), target.positive(),
        target.positive() == null ? null : DecisionThreshold.Rule.of(options), targetScale);
  }

  /**
   * Epochs of the head's training: option {@code epochs}, else enough for about
   * {@link #TARGET_STEPS} batches (20 to 400), before early stopping.
   */
  private static int plannedEpochs(PredictorOptions options, int fitRows) {
    int stepsPerEpoch = Math.max(1, fitRows / Math.min(256, fitRows));
    return options.epochs().orElse(
        Math.max(20, Math.min(400, (TARGET_STEPS + stepsPerEpoch - 1) / stepsPerEpoch)));
  }

  long seed() {
    return options.seed();
  }

  PredictorOptions.FineTune fineTune() {
    return options.fineTune();
  }

  PredictorOptions.Trees trees() {
    return options.trees();
  }

  boolean columnFeatures() {
    return options.columnFeatures();
  }

  /**
   * Every option with the value used, and what training decided, as text: the map a predictor
   * saves for provenance.
   */
  Map<String, String> provenance(TrainingDecisions decided) {
    Map<String, String> resolved = new LinkedHashMap<>(options.asMap());
    resolved.put("task", task.name().toLowerCase(Locale.ROOT));
    resolved.put("loss", loss.text());
    resolved.put("head", head.name());
    resolved.put("fine_tune", options.fineTune().text());
    resolved.put("seed", Long.toString(options.seed()));
    resolved.putAll(head.description());
    resolved.put("dropout", Float.toString(DROPOUT));
    resolved.put("epochs", Integer.toString(epochs));
    resolved.putIfAbsent("async", "false");
    if (positiveLabel != null) {
      resolved.put("positive_label", positiveLabel);
      resolved.put("threshold_rule", thresholdRule.text());
    }
    resolved.put("column_features", Boolean.toString(options.columnFeatures()));
    resolved.put("trees", options.trees().text());
    if (task == Task.REGRESSION) {
      resolved.put("target_transform", targetScale.describe());
    }
    resolved.put("validation_fraction", Double.toString(VALIDATION_FRACTION));
    decided.addTo(resolved);
    return resolved;
  }
}
