package io.rowspace.engine.predictor;

import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.error.ErrorCode;

import java.util.List;
import java.util.Map;

/**
 * Assembles a predictor. The {@code setX} parts are required, the {@code optX} parts may be
 * left out; {@link #build()} says which required part is missing.
 */
public final class PredictorBuilder {
  Task task;
  String target;
  ValueKind targetKind;
  List<String> classes;
  String positiveLabel;
  double threshold = Double.NaN;
  Calibration calibration;
  PredictionInterval interval;
  TrainingInputs trainingInputs;
  PredictorMetrics metrics;
  Map<String, Double> classDistribution;
  List<String> inputColumns;
  int trainingRows;
  String spaceFingerprint;
  float[] featureMean;
  float[] featureStd;
  PredictorHead head;
  float[] parameterValues;
  TargetScale targetScale;
  Map<String, String> options;
  boolean columnFeatures;
  TokenOutputs headTokens;
  TunedLayers tuned;
  TreeBlend trees;
  GlobalImportance importance;

  PredictorBuilder() {}

  /**
   * What is predicted: the task, the target column and its kind of values, the class labels
   * in the order of the network's outputs (empty for regression) and the positive one (binary,
   * else null).
   */
  public PredictorBuilder setTarget(Task task, String target, ValueKind targetKind,
      List<String> classes, String positiveLabel) {
    this.task = task;
    this.target = target;
    this.targetKind = targetKind;
    this.classes = classes;
    this.positiveLabel = positiveLabel;
    return this;
  }

  /**
   * How outputs become a prediction: the binary threshold (NaN unless binary), the
   * probabilities' calibration and the regression target's scale.
   */
  public PredictorBuilder setDecision(double threshold, Calibration calibration,
      TargetScale targetScale) {
    this.threshold = threshold;
    this.calibration = calibration;
    this.targetScale = targetScale;
    return this;
  }

  /** The regression's prediction interval; none by default. */
  public PredictorBuilder optInterval(PredictionInterval interval) {
    this.interval = interval;
    return this;
  }

  public PredictorBuilder setTrainingInputs(TrainingInputs trainingInputs) {
    this.trainingInputs = trainingInputs;
    return this;
  }

  public PredictorBuilder setMetrics(PredictorMetrics metrics) {
    this.metrics = metrics;
    return this;
  }

  public PredictorBuilder setClassDistribution(Map<String, Double> classDistribution) {
    this.classDistribution = classDistribution;
    return this;
  }

  public PredictorBuilder setInputColumns(List<String> inputColumns) {
    this.inputColumns = inputColumns;
    return this;
  }

  public PredictorBuilder setTrainingRows(int trainingRows) {
    this.trainingRows = trainingRows;
    return this;
  }

  public PredictorBuilder setSpaceFingerprint(String spaceFingerprint) {
    this.spaceFingerprint = spaceFingerprint;
    return this;
  }

  /** Per network input, the mean and standard deviation it is standardised with. */
  public PredictorBuilder setStandardisation(float[] featureMean, float[] featureStd) {
    this.featureMean = featureMean;
    this.featureStd = featureStd;
    return this;
  }

  /** The head and its trained weights. */
  public PredictorBuilder setNetwork(PredictorHead head, float[] parameterValues) {
    this.head = head;
    this.parameterValues = parameterValues;
    return this;
  }

  /** The resolved options, for provenance. */
  public PredictorBuilder setOptions(Map<String, String> options) {
    this.options = options;
    return this;
  }

  /** Whether the network reads the input columns' own features; false by default. */
  public PredictorBuilder setColumnFeatures(boolean columnFeatures) {
    this.columnFeatures = columnFeatures;
    return this;
  }

  /**
   * Which token outputs of the space the network reads: the last layer's (predictors saved
   * before format 10) or the penultimate layer's (the last layer then runs for the CLS query
   * alone).
   */
  public PredictorBuilder setHeadTokens(TokenOutputs headTokens) {
    this.headTokens = headTokens;
    return this;
  }

  /** The space's layers the predictor fine-tuned; none (frozen space) by default. */
  public PredictorBuilder optTuned(TunedLayers tuned) {
    this.tuned = tuned;
    return this;
  }

  /** The trees and linear model mixed with the network; none by default. */
  public PredictorBuilder optBlend(TreeBlend blend) {
    this.trees = blend;
    return this;
  }

  /** The permutation importance measured at training; none by default. */
  public PredictorBuilder optImportance(GlobalImportance importance) {
    this.importance = importance;
    return this;
  }

  /** The predictor; it holds native memory until closed. */
  public Predictor build() {
    require(task, "task");
    require(target, "target");
    require(targetKind, "target kind");
    require(classes, "classes");
    require(calibration, "calibration");
    require(targetScale, "target scale");
    require(trainingInputs, "training inputs");
    require(metrics, "metrics");
    require(classDistribution, "class distribution");
    require(inputColumns, "input columns");
    require(spaceFingerprint, "space fingerprint");
    require(featureMean, "feature mean");
    require(featureStd, "feature standard deviation");
    require(head, "head");
    require(parameterValues, "head weights");
    require(options, "options");
    require(headTokens == TokenOutputs.NONE ? null : headTokens, "head tokens");
    return new Predictor(this);
  }

  private static void require(Object part, String name) {
    if (part == null) {
      throw ErrorCode.PREDICTOR_PART_MISSING.failure(name);
    }
  }
}
