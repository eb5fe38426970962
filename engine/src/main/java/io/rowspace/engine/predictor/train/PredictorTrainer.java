package io.rowspace.engine.predictor.train;

import ai.djl.engine.Engine;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.TargetScale;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.TrainingInputs;
import io.rowspace.engine.predictor.TunedLayers;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.TrainingMonitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a predictor on top of an embedding space: frozen, or with some of its layers
 * fine-tuned ({@code fine_tune}, {@link FineTuningStage}) after the head has trained on the
 * frozen space; {@code auto} keeps the tuned layers only if they lower the validation loss.
 *
 * <p>The network's input is what the space computes for a row with the target column masked: the
 * row embedding, the CLS output and the column-token outputs (standardised). A small network, the
 * {@link PredictorHead} option {@code head} names (an MLP by default), is trained
 * ({@link FrozenHeadFit}) on a stratified 80% of the rows with a target value
 * ({@link TargetColumn}) and early-stopped on the other 20%, where the probabilities are
 * calibrated, the binary threshold chosen, the regression interval fitted and the metrics measured
 * ({@link ValidationScoring}); {@link BlendSearch} then mixes trees and a linear model in. Class
 * weights follow inverse square-root class frequency; focal loss is used when classes are
 * imbalanced.
 *
 * <p>{@link FailureModes} read on the validation rows (dead network, constant probability,
 * single-class bias, random predictions) are reported as warnings and on the training timeline,
 * and trigger one corrective retry (learning rate x3; for classification also no class weights
 * and plain cross-entropy); the model with the better validation log loss (RMSE for regression)
 * is kept. Under-confidence is reported and left to calibration.
 *
 * <p>This class is the order of the stages; each stage is a class of this package, and what the
 * run resolved and decided is held typed ({@link ResolvedOptions}, {@link TrainingDecisions}).
 */
public final class PredictorTrainer {
  /**
   * The space's token outputs a new predictor's network reads: the tokens as the last layer reads
   * them, so that predicting runs the last layer for the CLS query alone (a third fewer
   * multiply-adds at two layers; measured against the last layer's outputs in benchmarks.md,
   * session 13).
   */
  static final TokenOutputs HEAD_TOKENS = TokenOutputs.PENULTIMATE_LAYER;
  private PredictorTrainer() {}

  /**
   * Trains a predictor.
   *
   * @param space the space (its training columns; the target is masked)
   * @param rows rows holding the target column; rows with a NULL target are skipped
   * @param targetColumn the column to predict
   * @param options predictor options
   * @param monitor progress, warnings and timeline; may cancel
   */
  public static Predictor train(EmbeddingSpace space, Frame rows, String targetColumn,
      PredictorOptions options, TrainingMonitor monitor) {
    TrainingMonitor m = monitor == null ? TrainingMonitor.NONE : monitor;
    String reproducibility = EngineRuntime.reproducibilityWarning();
    if (reproducibility != null) {
      m.warning(reproducibility);
    }
    TargetColumn target = TargetColumn.read(rows, targetColumn, options, m);
    return new Run(space, target, options, m).run();
  }

  /** One predictor training run. */
  private static final class Run {
    private final EmbeddingSpace space;
    private final TargetColumn target;
    private final Frame data;
    private final PredictorOptions options;
    private final PredictorCheckpoints checkpoints;
    private final TrainingMonitor monitor;

    Run(EmbeddingSpace space, TargetColumn target, PredictorOptions options,
        TrainingMonitor monitor) {
      this.space = space;
      this.target = target;
      this.data = target.data();
      this.options = options;
      this.checkpoints = new PredictorCheckpoints(monitor, options.seed());
      this.monitor = checkpoints.monitor();
    }

    Predictor run() {
      String name = target.name();
      monitor.progress("features", 0, 1, "computing space outputs with '" + name + "' masked");
      SpaceFeatures features = SpaceFeatures.of(space, data, name, HEAD_TOKENS,
          options.columnFeatures());
      features.unparseable().forEach((c, v) -> monitor.warning("Column '" + c + "' has " + v
          + " value(s) that could not be read; they are treated as missing."));
      int[][] split = target.split(checkpoints.random());
      int[] fit = split[0];
      int[] validation = split[1];
      Standardisation standardisation = Standardisation.of(features, fit);
      standardisation.apply(features);

      TargetScale targetScale = target.task() == Task.REGRESSION
          ? TargetScale.fit(target.value(), fit, options.targetTransform(), name)
          : TargetScale.NONE;
      float[] classWeight = target.classWeights(fit);
      PredictorOptions.Loss loss = target.loss(options.loss(), fit);
      PredictorHead head = PredictorHead.of(options.head(), features.width(), target.outputs());
      float[] targetValues = target.modelTargets(targetScale);
      checkpoints.begin(() -> PredictorCheckpoints.fingerprint(space.fingerprint(), data, name,
          options.asMap(), features, targetValues, fit, validation, classWeight, loss,
          head.name() + head.description()));
      Engine.getInstance().setRandomSeed((int) options.seed());

      ResolvedOptions resolved = ResolvedOptions.resolve(options, target, loss, head, fit.length,
          targetScale);
      List<String> inputs = new ArrayList<>(space.usedColumns());
      inputs.remove(name);
      List<String> numericInputs = new ArrayList<>();
      for (ColumnProfile profile : space.columns()) {
        if (inputs.contains(profile.name()) && profile.valueKind() == ValueKind.NUMBER) {
          numericInputs.add(profile.name());
        }
      }
      TrainingInputs trainingInputs = TrainingInputs.of(data, fit, numericInputs, features);
      TrainingData training = new TrainingData(target.task(), features, targetValues, fit,
          validation);
      ValidationScoring scoring = new ValidationScoring(target, targetScale, options, validation,
          fit.length);

      Attempts attempts = attempts(head, training, scoring, resolved, classWeight);
      Evaluation chosen = attempts.chosen();
      int epochsSoFar = attempts.epochsSoFar();
      TunedLayers tuned = null;
      SpaceFeatures current = features;
      TrainingDecisions.FineTuning fineTuning = null;
      if (options.fineTune() != PredictorOptions.FineTune.FROZEN) {
        FineTuningStage.Outcome outcome = new FineTuningStage(space, target, resolved, training,
            standardisation, checkpoints, monitor).run(head, chosen, scoring, numericInputs,
                epochsSoFar);
        chosen = outcome.evaluation();
        epochsSoFar = outcome.epochsSoFar();
        fineTuning = outcome.decided();
        if (outcome.tuned() != null) {
          tuned = outcome.tuned();
          trainingInputs = outcome.inputs();
          current = outcome.features();
        }
      }
      String tooFew = options.trees() == PredictorOptions.Trees.AUTO
          ? target.tooFewToChoose(validation) : null;
      if (tooFew != null) {
        monitor.warning("Predictor of '" + name + "': boosted trees not tried: " + tooFew
            + ", too few to choose between models without over-fitting the choice; trees = "
            + "true trains them anyway.");
      }
      TrainingDecisions.Blend blend = null;
      if (options.trees() != PredictorOptions.Trees.NONE && validation.length > 0) {
        // Fold heads for the blend's choice read the features the network kept (tuned or not).
        FrozenHeadFit folds = new FrozenHeadFit(new TrainingData(target.task(), current,
            targetValues, fit, validation), head, resolved.epochs(), checkpoints, monitor);
        BlendSearch.Result searched = new BlendSearch(space, target, training, scoring, resolved,
            monitor).search(head, chosen, current, inputs, epochsSoFar, tooFew == null, folds,
                attempts.bestEpoch());
        chosen = searched.best();
        blend = searched.decided();
      }
      String learnedTarget = LearnedTargetNotice.of(name, space.usedColumns().contains(name), blend,
          data.rowCount());
      if (learnedTarget != null) {
        monitor.warning(learnedTarget);
      }
      TrainingDecisions decided = new TrainingDecisions(attempts.retry(), fineTuning, tooFew,
          blend, new TrainingDecisions.Calibrated(chosen.calibration().method(),
              chosen.calibrationReport(), chosen.calibration().softmaxTemperature(),
              chosen.uncalibratedEce()),
          TrainingTimeSpan.of(space.columns(), inputs, data).orElse(Map.of()));
      Predictor trained = Predictor.builder()
          .setTarget(target.task(), name, target.kind(), target.classes(), target.positive())
          .setDecision(chosen.threshold(), chosen.calibration(), targetScale)
          .optInterval(chosen.interval()).setTrainingInputs(trainingInputs)
          .setMetrics(chosen.metrics()).setClassDistribution(target.distribution())
          .setInputColumns(inputs).setTrainingRows(data.rowCount())
          .setSpaceFingerprint(space.fingerprint())
          .setStandardisation(standardisation.mean(), standardisation.std())
          .setNetwork(head, chosen.parameters()).setOptions(resolved.provenance(decided))
          .setColumnFeatures(options.columnFeatures()).setHeadTokens(HEAD_TOKENS).optTuned(tuned)
          .optBlend(chosen.blend())
          .build();
      monitor.progress("importance", 0, 1, "permutation importance of the inputs on the "
          + "validation rows");
      return trained.withImportance(PermutationImportance.measure(trained, space, data,
          validation, options.seed()));
    }

    /**
     * The head's first attempt and, when it shows a failure mode that asks for one, the
     * corrective retry.
     *
     * @param chosen the better of them
     * @param epochsSoFar the timeline's last epoch
     * @param retry what the retry changed when its model was kept, else null
     * @param bestEpoch the epoch whose weights the chosen attempt kept, counted from its first
     */
    private record Attempts(Evaluation chosen, int epochsSoFar, String retry, int bestEpoch) {}

    private Attempts attempts(PredictorHead head, TrainingData training,
        ValidationScoring scoring, ResolvedOptions resolved, float[] classWeight) {
      FrozenHeadFit fitting = new FrozenHeadFit(training, head, resolved.epochs(), checkpoints,
          monitor);
      SpaceFeatures validationFeatures = training.features().select(training.validation());
      AttemptSetting setting = new AttemptSetting(1.0, classWeight, resolved.loss());
      FrozenHeadFit.Fitted firstFit = fitting.fit(setting, 0, 0);
      Evaluation first = scoring.evaluate(head, firstFit.parameters(), validationFeatures,
          setting, firstFit.last(), null);
      List<FailureModes.Finding> findings = first.findings();
      boolean retry = findings.stream().anyMatch(FailureModes.Finding::retry);
      String actions = findings.stream().anyMatch(f -> !f.retry())
          ? "calibration corrects under-confidence" : "";
      String target = this.target.name();
      for (FailureModes.Finding f : findings) {
        monitor.warning("Predictor of '" + target + "': " + f.mode() + " detected ("
            + f.detail() + ")" + (f.retry() ? "." : "; calibration corrects it."));
      }
      if (!retry) {
        monitor.epoch(HeadFitting.diagnosed(first.last(), joinModes(findings), actions));
        return new Attempts(first, first.last().epoch(), null, firstFit.bestEpoch());
      }
      Task task = training.task();
      float[] uniform = new float[classWeight.length];
      Arrays.fill(uniform, 1f);
      AttemptSetting corrective = new AttemptSetting(3.0, uniform,
          task == Task.REGRESSION ? resolved.loss() : PredictorOptions.Loss.CROSS_ENTROPY);
      String retryText = "retry with learning rate x3"
          + (task == Task.REGRESSION ? "" : ", no class weights, cross-entropy loss");
      monitor.epoch(HeadFitting.diagnosed(first.last(), joinModes(findings),
          HeadFitting.join(actions, retryText)));
      FrozenHeadFit.Fitted secondFit = fitting.fit(corrective, first.last().epoch(), 1);
      Evaluation second = scoring.evaluate(head, secondFit.parameters(), validationFeatures,
          corrective, secondFit.last(), null);
      boolean better = second.score() < first.score();
      Evaluation chosen = better ? second : first;
      String kept = String.format(Locale.ROOT, "kept the %s model (validation %s %.4f vs %.4f)",
          better ? "retrained" : "first", task == Task.REGRESSION ? "rmse" : "log loss",
          chosen.score(), better ? first.score() : second.score());
      monitor.epoch(HeadFitting.diagnosed(second.last(), joinModes(second.findings()), kept));
      monitor.warning("Predictor of '" + target + "': after the corrective retry ("
          + retryText + ") " + kept + (chosen.findings().stream()
              .anyMatch(FailureModes.Finding::retry) ? "; " + joinModes(chosen.findings())
              + " remains: the target may not be predictable from the space's columns." : "."));
      return new Attempts(chosen, second.last().epoch(), better ? retryText : null,
          better ? secondFit.bestEpoch() : firstFit.bestEpoch());
    }

    private static String joinModes(List<FailureModes.Finding> findings) {
      return String.join(", ", findings.stream().map(FailureModes.Finding::mode).toList());
    }
  }
}
