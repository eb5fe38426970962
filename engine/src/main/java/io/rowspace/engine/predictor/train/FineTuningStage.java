package io.rowspace.engine.predictor.train;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.TrainingInputs;
import io.rowspace.engine.predictor.TunedLayers;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceForwardPass;
import io.rowspace.engine.space.TrainingMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Option {@code fine_tune} after the head has trained on the frozen space: chooses the layers
 * ({@code auto}: by Fisher information; {@code true}: all), runs {@link SpaceFineTuning} (or takes
 * its result from a checkpoint), measures the tuned model on the validation rows of a tuned copy
 * of the space, and keeps it ({@code true}) or keeps whichever is better ({@code auto}), saying
 * which on the timeline and in a warning.
 */
final class FineTuningStage {
  /**
   * What the stage kept.
   *
   * @param evaluation the kept model's evaluation
   * @param tuned the tuned layers, or null when the frozen space was kept
   * @param inputs the training inputs' statistics on the space kept
   * @param features every row's standardised features on the space kept
   * @param decided what the resolved options record of fine-tuning
   * @param epochsSoFar the timeline's last epoch
   */
  record Outcome(Evaluation evaluation, TunedLayers tuned, TrainingInputs inputs,
      SpaceFeatures features, TrainingDecisions.FineTuning decided, int epochsSoFar) {}

  private final EmbeddingSpace space;
  private final TargetColumn target;
  private final ResolvedOptions resolved;
  private final TrainingData data;
  private final Standardisation standardisation;
  private final PredictorCheckpoints checkpoints;
  private final TrainingMonitor monitor;

  FineTuningStage(EmbeddingSpace space, TargetColumn target, ResolvedOptions resolved,
      TrainingData data, Standardisation standardisation, PredictorCheckpoints checkpoints,
      TrainingMonitor monitor) {
    this.space = space;
    this.target = target;
    this.resolved = resolved;
    this.data = data;
    this.standardisation = standardisation;
    this.checkpoints = checkpoints;
    this.monitor = monitor;
  }

  /**
   * Fine-tunes from the frozen model.
   *
   * @param frozen the frozen model's evaluation
   * @param numericInputs the numeric input columns, whose statistics the predictor keeps
   * @param epochsSoFar the timeline's last epoch
   */
  Outcome run(PredictorHead head, Evaluation frozen, ValidationScoring scoring,
      List<String> numericInputs, int epochsSoFar) {
    Frame rows = target.data();
    int[] fit = data.fit();
    int[] validation = data.validation();
    SpaceForwardPass pass = space.forwardPass(rows, Set.of(target.name()),
        PredictorTrainer.HEAD_TOKENS);
    SpaceFineTuning tuning = new SpaceFineTuning(pass, space.weights(), head,
        resolved.columnFeatures(), standardisation.mean(), standardisation.std(), data.task(),
        data.targetValues(), frozen.setting().classWeight(), frozen.setting().loss(),
        checkpoints.random(), monitor);
    Map<Integer, Double> shares = Map.of();
    List<Integer> layers = new ArrayList<>();
    SpaceFineTuning.Result result;
    PredictorCheckpoint.Tuned saved = checkpoints.finishedTuning();
    if (saved != null) {
      shares = saved.fisherShare();
      layers.addAll(saved.layers());
      result = saved.result();
      checkpoints.takeOverRandom();
    } else {
      if (resolved.fineTune() == PredictorOptions.FineTune.AUTO) {
        monitor.progress("fine-tune", 0, 1, "measuring the Fisher information of the "
            + "space's layers for '" + target.name() + "'");
        shares = tuning.fisherShares(frozen.parameters(), fit);
        layers.addAll(SpaceFineTuning.chooseLayers(shares));
      } else {
        for (int layer = 0; layer < pass.layers(); layer++) {
          layers.add(layer);
        }
      }
      result = tuning.train(layers, shares, frozen.parameters(), fit, validation, epochsSoFar);
      checkpoints.tuningDone(new PredictorCheckpoint.Tuned(List.copyOf(layers), shares,
          result.spaceWeights(), result.headParameters(), result.epochs(), result.last()));
    }
    SpaceFeatures tunedFeatures;
    try (EmbeddingSpace tunedSpace = space.withWeights(result.spaceWeights())) {
      tunedFeatures = SpaceFeatures.of(tunedSpace, rows, target.name(),
          PredictorTrainer.HEAD_TOKENS, resolved.columnFeatures());
    }
    standardisation.apply(tunedFeatures);
    TrainingInputs tunedInputs = TrainingInputs.of(rows, fit, numericInputs, tunedFeatures);
    Evaluation fineTuned = scoring.evaluate(head, result.headParameters(),
        tunedFeatures.select(validation), frozen.setting(), result.last(), null);
    boolean keep = resolved.fineTune() == PredictorOptions.FineTune.ALL_LAYERS
        || SpaceFineTuning.beats(fineTuned.score(), frozen.score());
    TrainingDecisions.FineTuning decided = new TrainingDecisions.FineTuning(keep,
        List.copyOf(layers), result.epochs(), String.format(Locale.ROOT, "validation %s %.4f "
            + "fine-tuned vs %.4f frozen", data.task() == Task.REGRESSION ? "rmse" : "log loss",
            fineTuned.score(), frozen.score()), shares);
    String layerText = decided.layerText();
    monitor.epoch(HeadFitting.diagnosed(result.last(), "", (keep ? "kept the fine-tuned layers "
        + layerText : "kept the frozen space") + " (" + decided.comparison() + ")"));
    String chosenBy = shares.isEmpty() ? "every layer"
        : "chosen by their Fisher information " + decided.fisherText();
    monitor.warning("Predictor of '" + target.name() + "': fine_tune = '"
        + resolved.fineTune().text() + "' " + (keep ? "kept the fine-tuned space layers "
            + layerText : "kept the frozen space (fine-tuning did not help)") + "; layers tried: "
        + layerText + " (" + chosenBy + "); " + decided.comparison() + ".");
    int epochs = result.last().epoch();
    if (!keep) {
      return new Outcome(frozen, null, null, null, decided, epochs);
    }
    return new Outcome(fineTuned, TunedLayers.of(layers, pass.layout(), result.spaceWeights()),
        tunedInputs, tunedFeatures, decided, epochs);
  }
}
