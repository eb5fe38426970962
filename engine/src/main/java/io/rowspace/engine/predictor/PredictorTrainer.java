package io.rowspace.engine.predictor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.nn.GradientRecording;
import io.rowspace.engine.nn.OneCycleSchedule;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceForwardPass;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.engine.trees.TreeBooster;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a predictor on top of an embedding space: frozen, or with some of its layers
 * fine-tuned ({@code fine_tune}, {@link SpaceFineTuning}) after the head has trained on the frozen
 * space; {@code auto} keeps the tuned layers only if they lower the validation loss.
 *
 * <p>The network's input is what the space computes for a row with the target column masked: the
 * row embedding, the CLS output and the column-token outputs (standardised). A small network, the
 * {@link PredictorHead} option {@code head} names (an MLP by default), is trained on a stratified
 * 80% of the rows with a target value and early-stopped on the other 20%, where the
 * probabilities are calibrated ({@link Calibration}), the binary threshold chosen (best F1, or
 * least cost when costs are given), the regression interval fitted ({@link PredictionInterval})
 * and the metrics measured. Class weights follow inverse square-root class frequency; focal loss
 * is used when classes are imbalanced.
 *
 * <p>{@link FailureModes} read on the validation rows (dead network, constant probability,
 * single-class bias, random predictions) are reported as warnings and on the training timeline,
 * and trigger one corrective retry (learning rate x3; for classification also no class weights
 * and plain cross-entropy); the model with the better validation log loss (RMSE for regression)
 * is kept. Under-confidence is reported and left to calibration.
 */
public final class PredictorTrainer {
  static final double VALIDATION_FRACTION = 0.2;
  static final int MAX_CLASSES = 100;
  static final float DROPOUT = 0.2f;
  static final float WEIGHT_DECAY = 0.05f;
  static final int TARGET_STEPS = 1500;
  /**
   * Validation rows of the rarest class (for regression, a quarter of the validation rows) below
   * which {@code trees = auto} trains no trees (the linear model is still tried).
   */
  static final int MIN_CHOICE_ROWS = 50;
  /**
   * Tree depths tried, the better kept on the validation rows: shallow trees won on ames and the
   * classification sets, deep ones on diamonds (docs/benchmarks.md).
   */
  static final int[] TREE_DEPTHS = {4, 6};
  /** Blends whose validation scores the timeline and the options show, the best first. */
  static final int BLENDS_SHOWN = 6;

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
    int targetIndex = rows.indexOf(targetColumn);
    if (targetIndex < 0) {
      throw new EngineException(EngineException.Kind.INVALID_OPTION, "Target column '"
          + targetColumn + "' is not among the rows' columns.");
    }
    // Labels keep the target's own SQL type: a VARCHAR of 'yes'/'no' predicts 'yes'/'no', even
    // though the space encodes such an input column as a boolean.
    ValueKind kind = ValueKind.of(rows.columns().get(targetIndex).jdbcType());
    if (kind == ValueKind.OTHER) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "Target column '"
          + targetColumn + "' has SQL type " + rows.columns().get(targetIndex).typeName()
          + ", which cannot be predicted. Choose a numeric, text or boolean column.");
    }
    Object[] values = rows.column(targetIndex);
    List<Integer> kept = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    long unparseable = 0;
    for (int i = 0; i < values.length; i++) {
      if (ValueParser.isMissing(values[i], kind)) {
        continue;
      }
      String key = ValueParser.key(values[i], kind);
      if (key == null) {
        unparseable++;
        continue;
      }
      kept.add(i);
      keys.add(key);
    }
    if (unparseable > 0) {
      m.warning("Target column '" + targetColumn + "' has " + unparseable + " value(s) that are "
          + "not valid " + kind.name().toLowerCase(Locale.ROOT) + " values; those rows are skipped.");
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (String k : keys) {
      counts.merge(k, 1, Integer::sum);
    }
    if (counts.isEmpty()) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "Target column '"
          + targetColumn + "' has no values in " + rows.rowCount() + " rows: a predictor needs "
          + "rows with a target value.");
    }
    if (counts.size() == 1) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "Target column '"
          + targetColumn + "' has a single value ('" + counts.keySet().iterator().next() + "') in "
          + keys.size() + " rows: a predictor needs at least two.");
    }
    Task task = options.task().orElseGet(() -> detectTask(counts.size(), keys.size(),
        ValueKind.of(rows.columns().get(targetIndex).jdbcType())));
    if (task != Task.REGRESSION && counts.size() > MAX_CLASSES) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "Target column '"
          + targetColumn + "' has " + counts.size() + " distinct values: too many classes (at "
          + "most " + MAX_CLASSES + "). Use task = 'regression' for a numeric target.");
    }
    if (task == Task.BINARY && counts.size() != 2) {
      throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "Option task = 'binary' "
          + "needs a target with two values; '" + targetColumn + "' has " + counts.size()
          + ". Use task = 'multiclass'.");
    }
    int[] rowIndex = kept.stream().mapToInt(Integer::intValue).toArray();
    Frame data = rows.rows(rowIndex);
    return new Job(space, data, targetColumn, kind, keys, counts, task, options, m).run();
  }

  static Task detectTask(int distinct, int rows, ValueKind kind) {
    if (kind == ValueKind.NUMBER && distinct > 10) {
      return Task.REGRESSION;
    }
    return distinct == 2 ? Task.BINARY : Task.MULTICLASS;
  }

  /** One predictor training run. */
  private static final class Job {
    private final EmbeddingSpace space;
    private final Frame data;
    private final String target;
    private final ValueKind kind;
    private final List<String> keys;
    private final Map<String, Integer> counts;
    private final Task task;
    private final PredictorOptions options;
    private final TrainingMonitor monitor;
    private final PredictorCheckpoints checkpoints;
    /** The job's generator; replaced by the checkpoint's when training resumes. */
    private Random random;

    Job(EmbeddingSpace space, Frame data, String target, ValueKind kind, List<String> keys,
        Map<String, Integer> counts, Task task, PredictorOptions options, TrainingMonitor monitor) {
      this.space = space;
      this.data = data;
      this.target = target;
      this.kind = kind;
      this.keys = keys;
      this.counts = counts;
      this.task = task;
      this.options = options;
      this.checkpoints = new PredictorCheckpoints(monitor);
      this.monitor = checkpoints.monitor();
      this.random = new Random(options.seed());
    }

    Predictor run() {
      int n = data.rowCount();
      List<String> classes = new ArrayList<>();
      int[] label = new int[n];
      double[] value = new double[n];
      String positive = null;
      if (task == Task.REGRESSION) {
        for (int i = 0; i < n; i++) {
          try {
            value[i] = new BigDecimal(keys.get(i)).doubleValue();
          } catch (NumberFormatException e) {
            throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "Target column '"
                + target + "' holds '" + keys.get(i) + "', which is not a number: regression "
                + "needs a numeric target.");
          }
        }
      } else {
        classes.addAll(counts.keySet());
        classes.sort(labelOrder(kind));
        for (int i = 0; i < n; i++) {
          label[i] = classes.indexOf(keys.get(i));
        }
        if (task == Task.BINARY) {
          positive = positiveLabel(classes);
        }
      }
      int k = task == Task.REGRESSION ? 1 : classes.size();

      monitor.progress("features", 0, 1, "computing space outputs with '" + target + "' masked");
      SpaceFeatures features = SpaceFeatures.of(space, data, target, options.columnFeatures());
      features.unparseable().forEach((c, v) -> monitor.warning("Column '" + c + "' has " + v
          + " value(s) that could not be read; they are treated as missing."));
      int[][] split = split(n, label);
      int[] fit = split[0];
      int[] validation = split[1];
      float[] mean = new float[features.width()];
      float[] std = new float[features.width()];
      moments(features, fit, mean, std);
      features.standardise(mean, std);

      TargetScale targetScale = task == Task.REGRESSION
          ? TargetScale.fit(value, fit, options.targetTransform(), target) : TargetScale.NONE;
      float[] classWeight = new float[k];
      PredictorOptions.Loss loss = options.loss();
      if (task != Task.REGRESSION) {
        double sum = 0;
        int[] classCount = new int[k];
        for (int i : fit) {
          classCount[label[i]]++;
        }
        for (int j = 0; j < k; j++) {
          classWeight[j] = (float) (1 / Math.sqrt(Math.max(1, classCount[j])));
          sum += classWeight[j] * classCount[j];
        }
        for (int j = 0; j < k; j++) {
          classWeight[j] *= (float) (fit.length / sum);
        }
        if (loss == PredictorOptions.Loss.AUTO) {
          int min = Arrays.stream(classCount).min().orElse(0);
          loss = min < 0.5 * fit.length / k ? PredictorOptions.Loss.FOCAL
              : PredictorOptions.Loss.CROSS_ENTROPY;
        }
        if (loss.forRegression()) {
          throw new EngineException(EngineException.Kind.INVALID_OPTION, "Option 'loss' = '"
              + loss.text() + "' is for regression; target '" + target + "' is " + task.name()
              .toLowerCase(Locale.ROOT) + ". Use auto, focal or cross_entropy.");
        }
      } else {
        if (loss == PredictorOptions.Loss.AUTO) {
          loss = PredictorOptions.Loss.MSE;
        }
        if (!loss.forRegression()) {
          throw new EngineException(EngineException.Kind.INVALID_OPTION, "Option 'loss' = '"
              + loss.text() + "' is for classification; target '" + target + "' is numeric "
              + "(regression). Use auto, mse or huber.");
        }
      }

      PredictorHead head = PredictorHead.of(options.head(), features.width(), k);
      float[] targetValues = new float[n];
      for (int i = 0; i < n; i++) {
        targetValues[i] = task == Task.REGRESSION
            ? targetScale.toModel(value[i]) : label[i];
      }
      PredictorOptions.Loss lossChosen = loss;
      checkpoints.begin(() -> PredictorCheckpoints.fingerprint(space.fingerprint(), data, target,
          options.asMap(), features, targetValues, fit, validation, classWeight, lossChosen,
          head.name() + head.description()));
      Engine.getInstance().setRandomSeed((int) options.seed());

      Map<String, String> resolved = new LinkedHashMap<>(options.asMap());
      resolved.put("task", task.name().toLowerCase(Locale.ROOT));
      resolved.put("loss", loss.text());
      resolved.put("head", head.name());
      resolved.put("fine_tune", options.fineTune().text());
      resolved.put("seed", Long.toString(options.seed()));
      resolved.putAll(head.description());
      resolved.put("dropout", Float.toString(DROPOUT));
      resolved.put("epochs", Integer.toString(plannedEpochs(fit.length)));
      resolved.putIfAbsent("async", "false");
      if (positive != null) {
        resolved.put("positive_label", positive);
        resolved.put("threshold_rule", options.costFalsePositive().isPresent()
            || options.costFalseNegative().isPresent() ? "least_cost" : "best_f1");
      }
      resolved.put("column_features", Boolean.toString(options.columnFeatures()));
      resolved.put("trees", options.trees().text());
      if (task == Task.REGRESSION) {
        resolved.put("target_transform", targetScale.describe());
      }
      resolved.put("validation_fraction", Double.toString(VALIDATION_FRACTION));
      Map<String, Double> distribution = new LinkedHashMap<>();
      for (String c : classes) {
        distribution.put(c, counts.get(c) / (double) n);
      }
      List<String> inputs = new ArrayList<>(space.usedColumns());
      inputs.remove(target);
      List<String> numericInputs = new ArrayList<>();
      for (ColumnProfile profile : space.columns()) {
        if (inputs.contains(profile.name()) && profile.valueKind() == ValueKind.NUMBER) {
          numericInputs.add(profile.name());
        }
      }
      TrainingInputs trainingInputs = TrainingInputs.of(data, fit, numericInputs, features);
      Setting setting = new Setting(1.0, classWeight, loss);
      Evaluation first = attempt(head, features, targetValues, fit, validation, setting, label,
          value, classes, positive, targetScale, trainingInputs, distribution, inputs,
          resolved, 0, 0);
      Evaluation chosen = first;
      int epochsSoFar = first.last.epoch();
      List<FailureModes.Finding> findings = first.findings;
      boolean retry = findings.stream().anyMatch(FailureModes.Finding::retry);
      String actions = findings.stream().anyMatch(f -> !f.retry())
          ? "calibration corrects under-confidence" : "";
      for (FailureModes.Finding f : findings) {
        monitor.warning("Predictor of '" + target + "': " + f.mode() + " detected ("
            + f.detail() + ")" + (f.retry() ? "." : "; calibration corrects it."));
      }
      if (retry) {
        float[] uniform = new float[k];
        Arrays.fill(uniform, 1f);
        Setting corrective = new Setting(3.0, uniform,
            task == Task.REGRESSION ? loss : PredictorOptions.Loss.CROSS_ENTROPY);
        String retryText = "retry with learning rate x3"
            + (task == Task.REGRESSION ? "" : ", no class weights, cross-entropy loss");
        monitor.epoch(diagnosed(first.last, joinModes(findings),
            join(actions, retryText)));
        Evaluation second = attempt(head, features, targetValues, fit, validation, corrective,
            label, value, classes, positive, targetScale, trainingInputs, distribution,
            inputs, resolved, first.last.epoch(), 1);
        boolean better = second.score < first.score;
        chosen = better ? second : first;
        String kept = String.format(Locale.ROOT, "kept the %s model (validation %s %.4f vs %.4f)",
            better ? "retrained" : "first", task == Task.REGRESSION ? "rmse" : "log loss",
            chosen.score, better ? first.score : second.score);
        monitor.epoch(diagnosed(second.last, joinModes(second.findings), kept));
        epochsSoFar = second.last.epoch();
        monitor.warning("Predictor of '" + target + "': after the corrective retry ("
            + retryText + ") " + kept + (chosen.findings.stream()
                .anyMatch(FailureModes.Finding::retry) ? "; " + joinModes(chosen.findings)
                + " remains: the target may not be predictable from the space's columns." : "."));
        if (better) {
          resolved.put("retry", retryText);
        }
      } else {
        monitor.epoch(diagnosed(first.last, joinModes(findings), actions));
      }
      TunedLayers tuned = null;
      SpaceFeatures current = features;
      if (options.fineTune() != PredictorOptions.FineTune.FROZEN) {
        SpaceForwardPass pass = space.forwardPass(data, Set.of(target));
        SpaceFineTuning tuning = new SpaceFineTuning(pass, space.weights(), head,
            options.columnFeatures(),
            mean, std, task, targetValues, chosen.setting.classWeight(), chosen.setting.loss(),
            random, monitor);
        Map<Integer, Double> shares = Map.of();
        List<Integer> layers = new ArrayList<>();
        EpochRecord[] last = new EpochRecord[1];
        SpaceFineTuning.Result result;
        PredictorCheckpoint.Tuned saved = checkpoints.finishedTuning();
        if (saved != null) {
          shares = saved.fisherShare();
          layers.addAll(saved.layers());
          result = saved.result();
          last[0] = saved.last();
          random = checkpoints.random(random);
        } else {
          if (options.fineTune() == PredictorOptions.FineTune.AUTO) {
            monitor.progress("fine-tune", 0, 1, "measuring the Fisher information of the "
                + "space's layers for '" + target + "'");
            shares = tuning.fisherShares(chosen.parameters, fit);
            layers.addAll(SpaceFineTuning.chooseLayers(shares));
          } else {
            for (int layer = 0; layer < pass.layers(); layer++) {
              layers.add(layer);
            }
          }
          result = tuning.train(layers, shares, chosen.parameters, fit, validation, epochsSoFar,
              last);
          checkpoints.tuningDone(new PredictorCheckpoint.Tuned(List.copyOf(layers), shares,
              result.spaceWeights(), result.headParameters(), result.epochs(), last[0]), random);
        }
        SpaceFeatures tunedFeatures;
        try (EmbeddingSpace tunedSpace = space.withWeights(result.spaceWeights())) {
          tunedFeatures = SpaceFeatures.of(tunedSpace, data, target, options.columnFeatures());
        }
        tunedFeatures.standardise(mean, std);
        TrainingInputs tunedInputs = TrainingInputs.of(data, fit, numericInputs, tunedFeatures);
        Evaluation fineTuned = evaluate(head, result.headParameters(),
            tunedFeatures.select(validation), validation, chosen.setting, label, value, classes,
            positive, targetScale, tunedInputs, distribution, inputs, resolved,
            fit.length, last[0], null);
        boolean keep = options.fineTune() == PredictorOptions.FineTune.ALL_LAYERS
            || SpaceFineTuning.beats(fineTuned.score, chosen.score);
        String layerText = TunedLayers.describe(layers);
        String comparison = String.format(Locale.ROOT, "validation %s %.4f fine-tuned vs %.4f "
            + "frozen", task == Task.REGRESSION ? "rmse" : "log loss", fineTuned.score,
            chosen.score);
        epochsSoFar = last[0].epoch();
        monitor.epoch(diagnosed(last[0], "", (keep ? "kept the fine-tuned layers "
            + layerText : "kept the frozen space") + " (" + comparison + ")"));
        resolved.put("fine_tune_outcome", keep ? "fine-tuned" : "frozen");
        resolved.put("fine_tune_layers", layerText);
        resolved.put("fine_tune_epochs", Integer.toString(result.epochs()));
        resolved.put("fine_tune_validation", comparison);
        if (!shares.isEmpty()) {
          List<String> parts = new ArrayList<>();
          shares.forEach((layer, share) -> parts.add(layer + ":" + String.format(Locale.ROOT,
              "%.4f", share)));
          resolved.put("fisher_information", String.join(",", parts));
        }
        String chosenBy = shares.isEmpty() ? "every layer"
            : "chosen by their Fisher information " + resolved.get("fisher_information");
        monitor.warning("Predictor of '" + target + "': fine_tune = '" + options.fineTune().text()
            + "' " + (keep ? "kept the fine-tuned space layers " + layerText
                : "kept the frozen space (fine-tuning did not help)") + "; layers tried: "
            + layerText + " (" + chosenBy + "); " + comparison + ".");
        if (keep) {
          chosen = fineTuned;
          tuned = TunedLayers.of(layers, pass.layout(), result.spaceWeights());
          trainingInputs = tunedInputs;
          current = tunedFeatures;
        }
      }
      String tooFew = options.trees() == PredictorOptions.Trees.AUTO
          ? tooFewToChoose(validation, label) : null;
      if (tooFew != null) {
        monitor.warning("Predictor of '" + target + "': boosted trees not tried: " + tooFew
            + ", too few to choose between models without over-fitting the choice; trees = "
            + "true trains them anyway.");
        resolved.put("tree_share", "0.0");
        resolved.put("tree_skipped", tooFew);
      }
      if (options.trees() != PredictorOptions.Trees.NONE && validation.length > 0) {
        chosen = blend(head, chosen, current, targetValues, label, value, fit, validation,
            classes, positive, targetScale, trainingInputs, distribution, inputs,
            resolved, epochsSoFar, tooFew == null);
      }
      resolved.put("calibration", chosen.calibration.method);
      resolved.put("calibration_log_loss", String.join(",", chosen.calibrationReport));
      resolved.put("temperature", Double.toString(chosen.calibration.temperature));
      if (!Double.isNaN(chosen.uncalibratedEce)) {
        resolved.put("calibration_error_uncalibrated", Double.toString(chosen.uncalibratedEce));
      }
      TrainingTimeSpan.of(space.columns(), inputs, data).ifPresent(resolved::putAll);
      Predictor trained = Predictor.builder().setTarget(task, target, kind, classes, positive)
          .setDecision(chosen.threshold, chosen.calibration, targetScale)
          .optInterval(chosen.interval).setTrainingInputs(trainingInputs)
          .setMetrics(chosen.metrics).setClassDistribution(distribution).setInputColumns(inputs)
          .setTrainingRows(n).setSpaceFingerprint(space.fingerprint())
          .setStandardisation(mean, std).setNetwork(head, chosen.parameters).setOptions(resolved)
          .setColumnFeatures(options.columnFeatures()).optTuned(tuned).optBlend(chosen.blend)
          .build();
      monitor.progress("importance", 0, 1, "permutation importance of the inputs on the "
          + "validation rows");
      return trained.withImportance(PermutationImportance.measure(trained, space, data,
          validation, options.seed()));
    }

    /**
     * Why the validation rows are too few to choose reliably between the network and a blend
     * with trees, or null when they are enough: fewer than {@link #MIN_CHOICE_ROWS} rows of the
     * rarest class (classification) or fewer than {@link #MIN_CHOICE_ROWS} * 4 rows (regression).
     * On psid (95 validation rows, 12 of the rarest class) trees halved the validation log loss
     * and still lowered held-out AUC, for three seeds out of three.
     */
    private String tooFewToChoose(int[] validation, int[] label) {
      if (task == Task.REGRESSION) {
        return validation.length < 4 * MIN_CHOICE_ROWS ? "the validation rows are only "
            + validation.length : null;
      }
      int[] count = new int[counts.size()];
      for (int i : validation) {
        count[label[i]]++;
      }
      int rarest = Arrays.stream(count).min().orElse(0);
      return rarest < MIN_CHOICE_ROWS ? "the validation rows hold only " + rarest + " of the "
          + "rarest class" : null;
    }

    /**
     * Trains a linear model and (when {@code withTrees}) boosted trees at each depth of
     * {@link #TREE_DEPTHS} on the rows' input columns, and returns the evaluation of the network
     * mixed with them at the depth and shares (quarters) with the lowest validation loss
     * ({@code trees = auto} may keep the network alone, {@code true} keeps a tree share of at
     * least a quarter). The trees are early-stopped on the validation rows; the linear model has
     * a fixed penalty and step count, so it is also tried when the validation rows are too few to
     * early-stop trees on. Neither reads the embedding: the network does, and members over the
     * raw columns make errors of their own, which the blend averages out (on the four shared sets
     * with trees, validation loss was lower without the embedding in every one).
     */
    private Evaluation blend(PredictorHead head, Evaluation network, SpaceFeatures features,
        float[] targetValues, int[] label, double[] value, int[] fit, int[] validation,
        List<String> classes, String positive, TargetScale targetScale,
        TrainingInputs trainingInputs, Map<String, Double> distribution, List<String> inputs,
        Map<String, String> resolved, int epochsSoFar, boolean withTrees) {
      int n = data.rowCount();
      int positiveIndex = positive == null ? -1 : classes.indexOf(positive);
      float[] memberTarget = new float[n];
      float[] statistic = new float[n];
      BoostingLoss loss = task == Task.REGRESSION ? BoostingLoss.SQUARED
          : task == Task.BINARY ? BoostingLoss.LOGISTIC : BoostingLoss.SOFTMAX;
      for (int i = 0; i < n; i++) {
        memberTarget[i] = switch (task) {
          case BINARY -> label[i] == positiveIndex ? 1f : 0f;
          case MULTICLASS -> label[i];
          case REGRESSION -> targetValues[i];
        };
        statistic[i] = task == Task.MULTICLASS ? Float.NaN : memberTarget[i];
      }
      TreeInputs treeInputs = TreeInputs.fit(space.columns(), space.relations(), inputs, data,
          fit, statistic);
      SpaceFeatures withInputs = features.withTreeValues(
          treeInputs.values(data, Set.of(target)), treeInputs.width());
      float[] inputRows = withInputs.treeRows(0);
      SpaceFeatures validationFeatures = withInputs.select(validation);
      monitor.progress("linear", 0, 1, "fitting a linear model on "
          + String.join(", ", treeInputs.names()));
      LinearModel linear = LinearModel.fit(inputRows, treeInputs.width(), fit, loss,
          classes.size(), memberTarget, options.seed());
      TreeBooster.Settings defaults = TreeBooster.Settings.forRows(fit.length, options.seed());
      boolean treesRequired = options.trees() == PredictorOptions.Trees.REQUIRED;
      List<Blend> candidates = new ArrayList<>();
      for (int linearQuarters = 1; !treesRequired && linearQuarters <= 4; linearQuarters++) {
        candidates.add(new Blend(0, linearQuarters / 4.0, null, null));
      }
      for (int depth : withTrees ? TREE_DEPTHS : new int[0]) {
        TreeBooster.Settings settings = defaults.withMaxDepth(depth);
        TreeBooster.Result trees = boost(inputRows, treeInputs, fit, validation, loss,
            classes.size(), memberTarget, settings);
        for (int treeQuarters = 1; treeQuarters <= 4; treeQuarters++) {
          for (int linearQuarters = 0; treeQuarters + linearQuarters <= 4; linearQuarters++) {
            candidates.add(new Blend(treeQuarters / 4.0, linearQuarters / 4.0, trees, settings));
          }
        }
      }
      Evaluation best = treesRequired ? null : network;
      Blend chosen = new Blend(0, 0, null, null);
      Map<String, Double> tried = new LinkedHashMap<>();
      if (best != null) {
        tried.put("network", network.score);
      }
      // Each member's outputs on the validation rows are computed once and mixed per candidate.
      float[] networkOutputs = draftOutputs(head, network.parameters, validationFeatures,
          classes, positive, targetScale, trainingInputs, distribution, inputs, resolved, null);
      float[] linearMargins = linear.predict(validationFeatures.treeRows(0), validation.length);
      Map<TreeBooster.Result, float[]> treeMargins = new IdentityHashMap<>();
      for (Blend candidate : candidates) {
        TreeBlend mix = candidate.mix(treeInputs, linear);
        float[] outputs = mix.combine(mix.needsNetwork() ? networkOutputs : null,
            candidate.trees == null ? null : treeMargins.computeIfAbsent(candidate.trees,
                t -> t.trees().predict(validationFeatures.treeRows(0), validation.length)),
            linearMargins, validation.length, head.outputs(), positiveIndex);
        Evaluation e = measure(outputs, head.outputs(), network.parameters, validation,
            network.setting, label, value, classes, positive, targetScale, fit.length,
            network.last, mix);
        tried.put(candidate.label(), e.score);
        if (best == null || e.score < best.score) {
          best = e;
          chosen = candidate;
        }
      }
      String metric = task == Task.REGRESSION ? "rmse" : "log loss";
      String ranked = ranked(tried, BLENDS_SHOWN);
      String outcome = String.format(Locale.ROOT, "blend: %s chosen on validation %s (best of "
          + "%d: %s)", chosen.describe(), metric, tried.size(), ranked);
      monitor.epoch(new EpochRecord(epochsSoFar + 1, defaults.learningRate(), Double.NaN,
          chosen.trees == null ? Double.NaN : chosen.trees.validationLoss(), Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", outcome));
      monitor.warning("Predictor of '" + target + "': " + (best == network
          ? "kept the network alone; " + (withTrees ? "boosted trees and " : "")
              + "a linear model did not lower the validation " + metric
          : "mixed " + chosen.describe() + " over " + treeInputs.width() + " input(s) into the "
              + "network's outputs")
          + String.format(Locale.ROOT, "; validation %s %.4f network alone, %.4f chosen.",
              metric, network.score, best.score));
      resolved.put("tree_share", Double.toString(chosen.treeShare));
      resolved.put("linear_share", Double.toString(chosen.linearShare));
      if (withTrees) {
        resolved.put("tree_learning_rate", Double.toString(defaults.learningRate()));
        resolved.put("tree_rounds", chosen.trees == null ? "0"
            : Integer.toString(chosen.trees.bestRound()));
      }
      if (chosen.trees != null) {
        resolved.put("tree_depth", Integer.toString(chosen.settings.maxDepth()));
      }
      resolved.put("tree_inputs", String.join(",", treeInputs.names()));
      resolved.put("blend_validation", ranked);
      return best;
    }

    /** The {@code shown} lowest-scoring entries, lowest first, as "name: score, ...". */
    private static String ranked(Map<String, Double> scores, int shown) {
      List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
      entries.sort(Map.Entry.comparingByValue());
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Double> e : entries.subList(0, Math.min(shown, entries.size()))) {
        parts.add(String.format(Locale.ROOT, "%s: %.4f", e.getKey(), e.getValue()));
      }
      return String.join(", ", parts);
    }

    /**
     * What a blend mixes into the network: the trees' share and the linear model's, the trees
     * (null without a share) and the settings they were boosted with.
     */
    private record Blend(double treeShare, double linearShare, TreeBooster.Result trees,
        TreeBooster.Settings settings) {
      /** The blend to evaluate or keep, holding only the members with a share. */
      TreeBlend mix(TreeInputs inputs, LinearModel linear) {
        return new TreeBlend(inputs, trees == null ? null : trees.trees(), treeShare, 0,
            linearShare > 0 ? linear : null, linearShare);
      }

      /** How the validation scores name it. */
      String label() {
        return (trees == null ? "" : String.format(Locale.ROOT, "depth %d trees %.2f, ",
            settings.maxDepth(), treeShare))
            + String.format(Locale.ROOT, "linear %.2f", linearShare);
      }

      String describe() {
        List<String> parts = new ArrayList<>();
        if (treeShare > 0) {
          parts.add(String.format(Locale.ROOT, "boosted trees (depth %d, %d rounds) at a share "
              + "of %.2f", settings.maxDepth(), trees.bestRound(), treeShare));
        }
        if (linearShare > 0) {
          parts.add(String.format(Locale.ROOT, "a linear model at a share of %.2f",
              linearShare));
        }
        return parts.isEmpty() ? "the network alone" : String.join(" and ", parts);
      }
    }

    /** Boosts trees at one setting, reporting progress; a cancel stops the whole training. */
    private TreeBooster.Result boost(float[] treeRows, TreeInputs treeInputs, int[] fit,
        int[] validation, BoostingLoss loss, int classCount, float[] treeTarget,
        TreeBooster.Settings settings) {
      String phase = "trees (depth " + settings.maxDepth() + ")";
      monitor.progress(phase, 0, settings.maxRounds(), "boosting trees of depth "
          + settings.maxDepth() + " on " + String.join(", ", treeInputs.names()));
      TreeBooster.Result boosted = TreeBooster.train(treeRows, treeInputs.width(), fit,
          validation, loss, classCount, treeTarget, settings, new TreeBooster.Progress() {
            @Override
            public void round(int round, int maxRounds, double validationLoss) {
              if (round % 25 == 0) {
                monitor.progress(phase, round, maxRounds, String.format(Locale.ROOT,
                    "round %d: validation loss %.4f", round, validationLoss));
              }
            }

            @Override
            public boolean cancelled() {
              return monitor.isCancelled();
            }
          });
      if (boosted.cancelled()) {
        throw new EngineException(EngineException.Kind.CANCELLED,
            "Training of the predictor was cancelled; nothing was saved.");
      }
      return boosted;
    }

    private static EpochRecord diagnosed(EpochRecord r, String failures, String actions) {
      return new EpochRecord(r.epoch(), r.learningRate(), r.trainLoss(), r.validationLoss(),
          r.dropout(), r.spreadLoss(), r.temperature(), r.gradNorm(), r.clippedGradNorm(),
          failures, join(r.actions(), actions));
    }

    private static String joinModes(List<FailureModes.Finding> findings) {
      return String.join(", ", findings.stream().map(FailureModes.Finding::mode).toList());
    }

    private static String join(String a, String b) {
      return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
    }

    /** Training settings of one attempt. */
    private record Setting(double learningRateScale, float[] classWeight,
        PredictorOptions.Loss loss) {}

    /** One trained head, calibrated and measured on the validation rows. */
    private record Evaluation(float[] parameters, Calibration calibration, double threshold,
        PredictionInterval interval, PredictorMetrics metrics, List<String> calibrationReport,
        double uncalibratedEce, List<FailureModes.Finding> findings, double score,
        EpochRecord last, Setting setting, TreeBlend blend) {}

    private Evaluation attempt(PredictorHead head, SpaceFeatures features, float[] targetValues,
        int[] fit, int[] validation, Setting setting, int[] label, double[] value,
        List<String> classes, String positive, TargetScale targetScale,
        TrainingInputs trainingInputs, Map<String, Double> distribution, List<String> inputs,
        Map<String, String> resolved, int epochOffset, int index) {
      EpochRecord[] last = new EpochRecord[1];
      float[] parameters;
      PredictorCheckpoint.Attempt saved = checkpoints.finishedAttempt(index);
      if (saved != null) {
        parameters = saved.parameters();
        last[0] = saved.last();
        random = checkpoints.random(random);
      } else {
        parameters = fitHead(head, features, targetValues, setting, fit, validation,
            epochOffset, index, last);
        checkpoints.attemptDone(parameters, last[0], random);
      }
      return evaluate(head, parameters, features.select(validation), validation, setting,
          label, value, classes, positive, targetScale, trainingInputs, distribution,
          inputs, resolved, fit.length, last[0], null);
    }

    /** Calibrates and measures a trained head on the validation rows' features. */
    private Evaluation evaluate(PredictorHead head, float[] parameters,
        SpaceFeatures validationFeatures, int[] validation, Setting setting, int[] label,
        double[] value, List<String> classes, String positive, TargetScale targetScale,
        TrainingInputs trainingInputs, Map<String, Double> distribution,
        List<String> inputs, Map<String, String> resolved, int fitRows, EpochRecord lastEpoch,
        TreeBlend blend) {
      float[] outputs = draftOutputs(head, parameters, validationFeatures, classes, positive,
          targetScale, trainingInputs, distribution, inputs, resolved, blend);
      return measure(outputs, head.outputs(), parameters, validation, setting, label, value,
          classes, positive, targetScale, fitRows, lastEpoch, blend);
    }

    /** The raw outputs of a head with these weights, mixed with a blend (or not), on rows. */
    private float[] draftOutputs(PredictorHead head, float[] parameters, SpaceFeatures features,
        List<String> classes, String positive, TargetScale targetScale,
        TrainingInputs trainingInputs, Map<String, Double> distribution, List<String> inputs,
        Map<String, String> resolved, TreeBlend blend) {
      try (HeadNetwork draft = new HeadNetwork(head, parameters)) {
        return draft.outputs(features, blend,
            task == Task.BINARY ? classes.indexOf(positive) : -1);
      }
    }

    /** Calibrates and measures raw outputs ({@code k} a row) of the validation rows. */
    private Evaluation measure(float[] outputs, int k, float[] parameters, int[] validation,
        Setting setting, int[] label, double[] value, List<String> classes, String positive,
        TargetScale targetScale, int fitRows, EpochRecord lastEpoch, TreeBlend blend) {
      if (task == Task.REGRESSION) {
        double[] predicted = new double[validation.length];
        double[] actual = new double[validation.length];
        for (int i = 0; i < validation.length; i++) {
          predicted[i] = targetScale.toValue(outputs[i]);
          actual[i] = value[validation[i]];
        }
        int[] all = new int[validation.length];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        PredictionInterval interval = PredictionInterval.fit(predicted, actual, all);
        PredictorMetrics metrics = Metrics.regression(predicted, actual, fitRows)
            .withIntervalCoverage(PredictionInterval.crossFittedCoverage(predicted, actual));
        return new Evaluation(parameters, Calibration.temperature(1.0, -1), Double.NaN,
            interval, metrics, List.of(), Double.NaN,
            FailureModes.regression(outputs, metrics.r2()), metrics.rmse(), lastEpoch, setting,
            blend);
      }
      int[] truth = new int[validation.length];
      for (int i = 0; i < validation.length; i++) {
        truth[i] = label[validation[i]];
      }
      int positiveIndex = task == Task.BINARY ? classes.indexOf(positive) : -1;
      List<String> report = new ArrayList<>();
      Calibration calibration = Calibration.choose(outputs, truth, k, positiveIndex, report);
      double[][] probabilities = new double[truth.length][];
      for (int i = 0; i < truth.length; i++) {
        probabilities[i] = calibration.probabilities(outputs, i * k, k);
      }
      double threshold = Double.NaN;
      if (task == Task.BINARY) {
        threshold = threshold(probabilities, truth, positiveIndex, options);
      }
      PredictorMetrics metrics = Metrics.classification(probabilities, truth, k, threshold,
          positiveIndex, fitRows);
      double[][] raw = new double[truth.length][];
      for (int i = 0; i < truth.length; i++) {
        raw[i] = Predictor.softmax(outputs, i * k, k, 1.0);
      }
      double uncalibratedEce = Metrics.classification(raw, truth, k, threshold, positiveIndex,
          fitRows).calibrationError();
      int[] predicted = Metrics.predictedClasses(probabilities, threshold, positiveIndex);
      List<FailureModes.Finding> findings = FailureModes.classification(outputs, truth, predicted,
          probabilities, k, metrics.auc(), classes);
      return new Evaluation(parameters, calibration, threshold, null, metrics, report,
          uncalibratedEce, findings, metrics.logLoss(), lastEpoch, setting, blend);
    }

    private String positiveLabel(List<String> classes) {
      if (options.positiveLabel().isPresent()) {
        String given = options.positiveLabel().get();
        String key = ValueParser.isMissing(given, kind) ? null : ValueParser.key(given, kind);
        if (key == null || !classes.contains(key)) {
          throw new EngineException(EngineException.Kind.INVALID_OPTION, "Option "
              + "'positive_label' = '" + given + "' is not a value of target '" + target
              + "'. Values: " + String.join(", ", classes) + ".");
        }
        return key;
      }
      String a = classes.get(0);
      String b = classes.get(1);
      return counts.get(a) < counts.get(b) ? a : b;
    }

    /** Stratified (classification) or plain random split into fitting and validation rows. */
    private int[][] split(int n, int[] label) {
      Map<Integer, List<Integer>> groups = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        groups.computeIfAbsent(task == Task.REGRESSION ? 0 : label[i], g -> new ArrayList<>())
            .add(i);
      }
      List<Integer> fit = new ArrayList<>();
      List<Integer> validation = new ArrayList<>();
      for (List<Integer> group : groups.values()) {
        int[] order = permutation(group.size());
        int v = (int) Math.round(group.size() * VALIDATION_FRACTION);
        if (group.size() >= 2) {
          v = Math.max(1, Math.min(group.size() - 1, v));
        }
        for (int i = 0; i < group.size(); i++) {
          (i < v ? validation : fit).add(group.get(order[i]));
        }
      }
      if (validation.isEmpty() || fit.isEmpty()) {
        throw new EngineException(EngineException.Kind.UNUSABLE_DATA, "Target column '" + target
            + "' has too few rows with a value (" + n + ") to train and validate a predictor.");
      }
      return new int[][] {
        fit.stream().mapToInt(Integer::intValue).sorted().toArray(),
        validation.stream().mapToInt(Integer::intValue).sorted().toArray()
      };
    }

    private int[] permutation(int n) {
      return RowOrder.shuffled(n, random);
    }

    /**
     * Fits the head's weights, early-stopped on the validation loss, and returns the best epoch's
     * weights. Epoch records go to the monitor as they finish, except the last, which is left in
     * {@code last} for the caller to complete with what it then detects.
     */
    /**
     * Epochs of the head's training: option {@code epochs}, else enough for about
     * {@link #TARGET_STEPS} batches (20 to 400), before early stopping.
     */
    private int plannedEpochs(int fitRows) {
      int stepsPerEpoch = Math.max(1, fitRows / Math.min(256, fitRows));
      return options.epochs().orElse(
          Math.max(20, Math.min(400, (TARGET_STEPS + stepsPerEpoch - 1) / stepsPerEpoch)));
    }

    private float[] fitHead(PredictorHead head, SpaceFeatures features, float[] targetValues,
        Setting setting, int[] fit, int[] validation, int epochOffset, int index,
        EpochRecord[] last) {
      float[] classWeight = setting.classWeight();
      PredictorOptions.Loss loss = setting.loss();
      int batch = Math.min(256, fit.length);
      int stepsPerEpoch = Math.max(1, fit.length / batch);
      int epochs = plannedEpochs(fit.length);
      int patience = Math.max(10, epochs / 10);
      OneCycleSchedule schedule = new OneCycleSchedule(2e-3 * setting.learningRateScale(),
          stepsPerEpoch * epochs);
      float[] best = head.layout().initialise(new Random(random.nextLong()));
      double bestLoss = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      int step = 0;
      SpaceFeatures validationFeatures = features.select(validation);
      float[] validationTargets = new float[validation.length];
      for (int i = 0; i < validation.length; i++) {
        validationTargets[i] = targetValues[validation[i]];
      }
      try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
        NDArray parameters = model.create(best);
        parameters.setRequiresGradient(true);
        AdamW optimiser = new AdamW(parameters, head.layout().decayMask(), WEIGHT_DECAY);
        NDArray weights = model.create(classWeight.length == 0 ? new float[] {1f} : classWeight);
        int firstEpoch = 1;
        PredictorCheckpoint.HeadProgress saved = checkpoints.headInProgress(index);
        if (saved != null) {
          optimiser.resume(saved.parameters(), new AdamW.State(saved.firstMoment(),
              saved.secondMoment(), saved.adamSteps()));
          step = saved.step();
          best = saved.best();
          bestLoss = saved.bestLoss();
          bestEpoch = saved.bestEpoch();
          last[0] = saved.last();
          firstEpoch = saved.epoch() + 1;
          random = checkpoints.random(random);
        }
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
          int[] order = permutation(fit.length);
          double lossSum = 0;
          double normSum = 0;
          double clippedSum = 0;
          double rate = 0;
          for (int s = 0; s < stepsPerEpoch; s++) {
            if (monitor.isCancelled()) {
              throw new EngineException(EngineException.Kind.CANCELLED,
                  "Training of the predictor was cancelled; nothing was saved.");
            }
            int[] rowsOfBatch = new int[batch];
            for (int i = 0; i < batch; i++) {
              rowsOfBatch[i] = fit[order[s * batch + i]];
            }
            SpaceFeatures b = features.select(rowsOfBatch);
            float[] t = new float[batch];
            for (int i = 0; i < batch; i++) {
              t[i] = targetValues[rowsOfBatch[i]];
            }
            float[] keep = new float[batch * head.dropoutWidth()];
            for (int i = 0; i < keep.length; i++) {
              keep[i] = random.nextFloat() < DROPOUT ? 0f : 1f / (1f - DROPOUT);
            }
            try (NDManager scope = model.newSubManager();
                GradientRecording collector = GradientRecording.start()) {
              NDArray out = head.forward(head.layout().views(parameters, scope),
                  scope.create(b.values(), new Shape(batch, b.width())),
                  scope.create(keep, new Shape(batch, head.dropoutWidth())));
              NDArray l = PredictorLoss.of(task, scope, out, t, weights, loss, true);
              collector.backward(l);
              lossSum += l.getFloat();
            }
            rate = schedule.rate(step++);
            AdamW.Step result = optimiser.step((float) rate, 1.0);
            normSum += result.gradNorm();
            clippedSum += result.clippedGradNorm();
          }
          double validationLoss;
          try (NDManager scope = model.newSubManager()) {
            NDArray out = head.forward(head.layout().views(parameters, scope),
                scope.create(validationFeatures.values(),
                    new Shape(validation.length, validationFeatures.width())), null);
            validationLoss = PredictorLoss.of(task, scope, out, validationTargets, weights,
                PredictorLoss.validationLoss(task), false).getFloat();
          }
          String actions = "";
          boolean stop = false;
          if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            best = parameters.toFloatArray();
          } else if (epoch - bestEpoch >= patience) {
            actions = "early stopping, keeping epoch " + bestEpoch;
            stop = true;
          }
          if (last[0] != null) {
            monitor.epoch(last[0]);
          }
          last[0] = new EpochRecord(epochOffset + epoch, rate, lossSum / stepsPerEpoch,
              validationLoss, DROPOUT, Double.NaN, Double.NaN, normSum / stepsPerEpoch,
              clippedSum / stepsPerEpoch, "", actions);
          monitor.progress("train", epoch, epochs, String.format(Locale.ROOT,
              "epoch %d/%d: validation loss %.4f", epoch, epochs, validationLoss));
          if (stop) {
            break;
          }
          if (epoch < epochs) {
            int done = epoch;
            int steps = step;
            float[] kept = best;
            double keptLoss = bestLoss;
            int keptEpoch = bestEpoch;
            checkpoints.headEpoch(epochOffset + epoch, () -> {
              AdamW.State state = optimiser.state();
              return new PredictorCheckpoint.HeadProgress(done, parameters.toFloatArray(),
                  state.firstMoment(), state.secondMoment(), state.steps(), steps, kept,
                  keptLoss, keptEpoch, last[0]);
            }, random);
          }
        }
      }
      return best;
    }
  }

  static void moments(SpaceFeatures f, int[] rows, float[] mean, float[] std) {
    int w = f.width();
    double[] s = new double[w];
    double[] s2 = new double[w];
    for (int r : rows) {
      for (int j = 0; j < w; j++) {
        double v = f.values()[r * w + j];
        s[j] += v;
        s2[j] += v * v;
      }
    }
    for (int j = 0; j < w; j++) {
      double m = s[j] / rows.length;
      double var = Math.max(0, s2[j] / rows.length - m * m);
      mean[j] = (float) m;
      std[j] = (float) Math.max(1e-3, Math.sqrt(var));
    }
  }

  static Comparator<String> labelOrder(ValueKind kind) {
    if (kind == ValueKind.NUMBER) {
      return Comparator.comparing(BigDecimal::new);
    }
    return Comparator.naturalOrder();
  }

  /**
   * The binary decision threshold on the positive class's calibrated probability, chosen on the
   * validation rows: without costs, the one maximising F1; with {@code cost_false_positive} and/or
   * {@code cost_false_negative} (a cost not given counts 1), the one minimising the total cost of
   * the validation rows' errors. Among equally good thresholds the one nearest to the
   * probability-theoretic optimum (costs) or the middle of the tied range (F1) is kept.
   */
  static double threshold(double[][] probabilities, int[] truth, int positive,
      PredictorOptions options) {
    int n = truth.length;
    boolean costs = options.costFalsePositive().isPresent()
        || options.costFalseNegative().isPresent();
    double costFp = options.costFalsePositive().orElse(1.0);
    double costFn = options.costFalseNegative().orElse(1.0);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[] p = new double[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      p[i] = probabilities[i][positive];
      positives += truth[i] == positive ? 1 : 0;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    // Walk thresholds from above every probability (all negative) down to the lowest one.
    int tp = 0;
    int fp = 0;
    double bestValue = costs ? -(costFn * positives) : 0;
    double bestHigh = 1.0;
    double bestLow = 1.0;
    boolean bestIsAllNegative = true;
    double reference = costs && costFp + costFn > 0 ? costFp / (costFp + costFn) : 0.5;
    int i = 0;
    while (i < n) {
      double c = p[order[i]];
      while (i < n && p[order[i]] == c) {
        if (truth[order[i]] == positive) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      int fn = positives - tp;
      double v = costs ? -(costFp * fp + costFn * fn)
          : tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      double next = i < n ? p[order[i]] : 0.0;
      // Every threshold in (next, c] gives the same decisions; c is the highest of them.
      if (v > bestValue + 1e-12) {
        bestValue = v;
        bestHigh = c;
        bestLow = next;
        bestIsAllNegative = false;
      } else if (Math.abs(v - bestValue) <= 1e-12 && !bestIsAllNegative && bestLow == c) {
        bestLow = next;
      }
    }
    if (bestIsAllNegative) {
      return costs ? Math.max(reference, Math.nextUp(p[order[0]])) : 0.5;
    }
    double low = Math.nextUp(bestLow);
    if (costs) {
      return Math.min(bestHigh, Math.max(low, reference));
    }
    return Math.min(bestHigh, Math.max(low, (bestLow + bestHigh) / 2));
  }
}
