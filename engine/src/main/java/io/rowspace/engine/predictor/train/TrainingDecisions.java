package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.TunedLayers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a training run decided, stage by stage, beyond the {@link ResolvedOptions}: the corrective
 * retry, the outcome of fine-tuning, the blend with trees and a linear model (or why trees were
 * not tried), the calibration and the training rows' time span. Saved with the predictor, in
 * text, by {@link ResolvedOptions#provenance}.
 *
 * @param retry what the kept corrective retry changed, or null when the first model was kept
 * @param fineTuning the outcome of fine-tuning, or null ({@code fine_tune = false})
 * @param treesSkipped why {@code trees = auto} tried no trees, or null
 * @param blend the blend chosen, or null when none was searched
 * @param calibration the kept model's calibration
 * @param timeSpan the training rows' time span (first date or timestamp input), maybe empty
 */
record TrainingDecisions(String retry, FineTuning fineTuning, String treesSkipped, Blend blend,
    Calibrated calibration, Map<String, String> timeSpan) {

  /**
   * What fine-tuning did.
   *
   * @param kept whether the fine-tuned layers were kept over the frozen space
   * @param layers the layers tuned
   * @param epochs fine-tuning epochs run
   * @param comparison the validation scores of both, as text
   * @param fisherShares per layer its Fisher information share; empty when every layer was tuned
   */
  record FineTuning(boolean kept, List<Integer> layers, int epochs, String comparison,
      Map<Integer, Double> fisherShares) {
    /** The layers tuned, as text. */
    String layerText() {
      return TunedLayers.describe(layers);
    }

    /** The Fisher shares as {@code layer:share,...}, or null when not measured. */
    String fisherText() {
      if (fisherShares.isEmpty()) {
        return null;
      }
      List<String> parts = new ArrayList<>();
      fisherShares.forEach((layer, share) -> parts.add(layer + ":" + String.format(Locale.ROOT,
          "%.4f", share)));
      return String.join(",", parts);
    }
  }

  /**
   * The blend chosen.
   *
   * @param treeShare the trees' share
   * @param linearShare the linear model's share
   * @param withTrees whether trees were trained
   * @param treeLearningRate the trees' learning rate (when trained)
   * @param treeRounds the chosen trees' rounds, 0 without trees in the blend
   * @param treeDepth the chosen trees' depth, or 0 without trees in the blend
   * @param treeInputs the input columns (and related summaries) the trees and linear model read
   * @param ranked the best candidates' validation scores, as text
   * @param linearPenalty the linear model's penalty, chosen on folds ({@link CrossFittedLinear})
   * @param rule why a mixture was kept over the lowest validation score ({@link BlendChoice}),
   *     or empty when the lowest was kept
   * @param chosenOn the rows the shares were chosen on: {@code out_of_fold} (every training row,
   *     {@link OutOfFoldMembers}) or {@code validation}
   */
  record Blend(double treeShare, double linearShare, boolean withTrees, double treeLearningRate,
      int treeRounds, int treeDepth, List<String> treeInputs, String ranked, double linearPenalty,
      String rule, String chosenOn) {}

  /**
   * The kept model's calibration.
   *
   * @param method temperature, platt or isotonic
   * @param report each method's cross-fitted log loss, as text
   * @param temperature the temperature (1 unless the method is temperature)
   * @param uncalibratedError calibration error of the raw softmax, NaN for regression
   */
  record Calibrated(String method, List<String> report, double temperature,
      double uncalibratedError) {}

  /** Adds these decisions, in text, to the resolved options' map. */
  void addTo(Map<String, String> resolved) {
    if (retry != null) {
      resolved.put("retry", retry);
    }
    if (fineTuning != null) {
      resolved.put("fine_tune_outcome", fineTuning.kept() ? "fine-tuned" : "frozen");
      resolved.put("fine_tune_layers", fineTuning.layerText());
      resolved.put("fine_tune_epochs", Integer.toString(fineTuning.epochs()));
      resolved.put("fine_tune_validation", fineTuning.comparison());
      if (fineTuning.fisherText() != null) {
        resolved.put("fisher_information", fineTuning.fisherText());
      }
    }
    if (treesSkipped != null) {
      resolved.put("tree_share", "0.0");
      resolved.put("tree_skipped", treesSkipped);
    }
    if (blend != null) {
      resolved.put("tree_share", Double.toString(blend.treeShare()));
      resolved.put("linear_share", Double.toString(blend.linearShare()));
      if (blend.withTrees()) {
        resolved.put("tree_learning_rate", Double.toString(blend.treeLearningRate()));
        resolved.put("tree_rounds", Integer.toString(blend.treeRounds()));
      }
      if (blend.treeDepth() > 0) {
        resolved.put("tree_depth", Integer.toString(blend.treeDepth()));
      }
      resolved.put("tree_inputs", String.join(",", blend.treeInputs()));
      resolved.put("blend_validation", blend.ranked());
      resolved.put("blend_chosen_on", blend.chosenOn());
      resolved.put("linear_penalty", Double.toString(blend.linearPenalty()));
      if (!blend.rule().isEmpty()) {
        resolved.put("blend_rule", blend.rule());
      }
    }
    resolved.put("calibration", calibration.method());
    resolved.put("calibration_log_loss", String.join(",", calibration.report()));
    resolved.put("temperature", Double.toString(calibration.temperature()));
    if (!Double.isNaN(calibration.uncalibratedError())) {
      resolved.put("calibration_error_uncalibrated",
          Double.toString(calibration.uncalibratedError()));
    }
    resolved.putAll(timeSpan);
  }
}
