package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.error.ErrorCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.Set;
import java.util.TreeMap;

/**
 * A trained predictor: a small network on top of an embedding space, for one target column,
 * usually blended with boosted trees that read its input columns ({@link TreeBlend}).
 * Predictions always run the space with the target column masked, exactly as in training.
 * Built by training or by loading a saved one ({@code io.rowspace.engine.store.PredictorFormat})
 * through {@link PredictorBuilder}; explanations are {@link PredictionExplainer}'s. About 580
 * lines: a predictor has many parts (target, decision, network, blend, provenance), each with an
 * accessor the format and the SQL layer read; what it does beyond holding them is prediction.
 *
 * <p>Thread-safe: {@link #predict} calls are serialised, each in its own native memory scope.
 */
public final class Predictor implements AutoCloseable {
  static final int CHUNK_ROWS = 2048;

  final Task task;
  final String target;
  final ValueKind targetKind;
  final List<String> classes;
  final String positiveLabel;
  final double threshold;
  final Calibration calibration;
  final PredictionInterval interval;
  final TrainingInputs trainingInputs;
  final PredictorMetrics metrics;
  final Map<String, Double> classDistribution;
  final List<String> inputColumns;
  final int trainingRows;
  final String spaceFingerprint;
  final float[] featureMean;
  final float[] featureStd;
  final PredictorHead head;
  final float[] parameterValues;
  /** How the network's and trees' outputs map to values (regression). */
  final TargetScale targetScale;
  final Map<String, String> options;
  /** Whether the network reads the input columns' own features beside the space's outputs. */
  final boolean columnFeatures;
  /** Which token outputs of the space the network reads. */
  final TokenOutputs headTokens;
  /** The space's layers this predictor fine-tuned, or null when it reads the frozen space. */
  final TunedLayers tuned;
  /** The boosted trees mixed with the network's outputs, or null (network alone). */
  final TreeBlend trees;
  /** Permutation importance measured at training, or null (predictors saved before format 9). */
  private final GlobalImportance importance;
  private final HeadNetwork network;
  private EmbeddingSpace tunedSpace;
  private boolean closed;

  Predictor(PredictorBuilder b) {
    this.columnFeatures = b.columnFeatures;
    this.headTokens = b.headTokens;
    this.trees = b.trees;
    this.tuned = b.tuned;
    this.task = b.task;
    this.target = b.target;
    this.targetKind = b.targetKind;
    this.classes = List.copyOf(b.classes);
    this.positiveLabel = b.positiveLabel;
    this.threshold = b.threshold;
    this.calibration = b.calibration;
    this.interval = b.interval;
    this.trainingInputs = b.trainingInputs;
    this.metrics = b.metrics;
    this.classDistribution = Collections.unmodifiableMap(new LinkedHashMap<>(b.classDistribution));
    this.inputColumns = List.copyOf(b.inputColumns);
    this.trainingRows = b.trainingRows;
    this.spaceFingerprint = b.spaceFingerprint;
    this.featureMean = b.featureMean;
    this.featureStd = b.featureStd;
    this.head = b.head;
    this.parameterValues = b.parameterValues;
    this.targetScale = b.targetScale;
    // Sorted, so the saved bytes do not depend on the order of the caller's map.
    this.options = Collections.unmodifiableMap(new TreeMap<>(b.options));
    this.importance = b.importance;
    this.network = new HeadNetwork(head, parameterValues);
  }

  /** A builder of a predictor: training's result, or a saved predictor's parts. */
  public static PredictorBuilder builder() {
    return new PredictorBuilder();
  }

  /** A builder holding this predictor's parts, to build a changed copy. */
  public PredictorBuilder toBuilder() {
    return new PredictorBuilder().setTarget(task, target, targetKind, classes, positiveLabel)
        .setDecision(threshold, calibration, targetScale).optInterval(interval)
        .setTrainingInputs(trainingInputs).setMetrics(metrics)
        .setClassDistribution(classDistribution).setInputColumns(inputColumns)
        .setTrainingRows(trainingRows).setSpaceFingerprint(spaceFingerprint)
        .setStandardisation(featureMean, featureStd).setNetwork(head, parameterValues)
        .setOptions(options).setColumnFeatures(columnFeatures).setHeadTokens(headTokens)
        .optTuned(tuned).optBlend(trees)
        .optImportance(importance);
  }

  public Task task() {
    return task;
  }

  /** The target column's name. */
  public String target() {
    return target;
  }

  /** Canonical class labels, in the order of the network's outputs; empty for regression. */
  public List<String> classes() {
    return classes;
  }

  /** The positive class of a binary predictor, else {@code null}. */
  public String positiveLabel() {
    return positiveLabel;
  }

  /** Decision threshold on the positive class's probability; NaN unless binary. */
  public double threshold() {
    return threshold;
  }

  /**
   * Temperature of the softmax when {@link #calibration()} is {@code temperature}; 1 otherwise
   * (fitted on validation rows).
   */
  public double temperature() {
    return calibration.temperature;
  }

  /**
   * How probabilities are calibrated: {@code temperature}, {@code platt} or {@code isotonic}
   * (binary only), whichever had the lowest cross-fitted log loss on the validation rows.
   */
  public String calibration() {
    return calibration.method;
  }

  public PredictorMetrics metrics() {
    return metrics;
  }

  /** Share of each class among the rows with a target value; empty for regression. */
  public Map<String, Double> classDistribution() {
    return classDistribution;
  }

  /** Space columns the predictor reads (the target excluded). */
  public List<String> inputColumns() {
    return inputColumns;
  }

  /** Rows with a target value that training used (fitting plus validation). */
  public int trainingRows() {
    return trainingRows;
  }

  /** Resolved options, for provenance. */
  public Map<String, String> options() {
    return options;
  }

  /**
   * The options as training resolved them, what {@code ROWSPACE.PREDICTORS.options} stores: every
   * option of {@code CREATE PREDICTOR} with the value used (defaults filled in: task, loss, head,
   * epochs, seed, fine_tune, positive label), and what training derived or decided (head sizes,
   * dropout, calibration method, the outcome of fine-tuning and the layers tuned). Unlike
   * {@link #options()} it leaves out the calibration's per-method measurements.
   */
  public Map<String, String> resolvedOptions() {
    Map<String, String> resolved = new TreeMap<>(options);
    resolved.keySet().removeAll(List.of("calibration_log_loss", "temperature",
        "calibration_error_uncalibrated"));
    return Collections.unmodifiableMap(resolved);
  }

  /**
   * How much the predictor's validation metric depends on each input column and related table
   * (permutation importance, measured at training); empty for predictors saved before format 9.
   */
  public Optional<GlobalImportance> globalImportance() {
    return Optional.ofNullable(importance);
  }

  /**
   * This predictor with its global importance; this one is closed (training measures the
   * importance on the finished predictor, then keeps the copy that holds it).
   */
  public Predictor withImportance(GlobalImportance measured) {
    Predictor copy = toBuilder().optImportance(measured).build();
    close();
    return copy;
  }

  /**
   * The same predictor for its space renamed for another database
   * ({@link EmbeddingSpace#renamed}): its target, inputs and the names its trees and importance
   * hold follow {@code names}, and it belongs to {@code space}, the renamed space.
   */
  public Predictor renamed(Map<String, String> names, EmbeddingSpace space) {
    UnaryOperator<String> name = n -> names.getOrDefault(n, n);
    return toBuilder()
        .setTarget(task, name.apply(target), targetKind, classes, positiveLabel)
        .setTrainingInputs(trainingInputs.renamed(name))
        .setInputColumns(inputColumns.stream().map(name).toList())
        .setSpaceFingerprint(space.fingerprint())
        .optBlend(trees == null ? null : trees.renamed(name))
        .optImportance(importance == null ? null : importance.renamed(name))
        .build();
  }

  /**
   * The members whose outputs the predictor mixes, with their shares (summing to 1):
   * {@code network} (the head on the space), {@code boosted_trees} and {@code linear}; members
   * without a share are left out.
   */
  public Map<String, Double> blendShares() {
    Map<String, Double> shares = new LinkedHashMap<>();
    double treeShare = trees == null || trees.trees() == null ? 0 : trees.weight();
    double linearShare = trees == null || trees.linear() == null ? 0 : trees.linearWeight();
    if (treeShare + linearShare < 1) {
      shares.put("network", 1 - treeShare - linearShare);
    }
    if (treeShare > 0) {
      shares.put("boosted_trees", treeShare);
    }
    if (linearShare > 0) {
      shares.put("linear", linearShare);
    }
    return Collections.unmodifiableMap(shares);
  }

  /** Fingerprint of the space this predictor was trained on. */
  public String spaceFingerprint() {
    return spaceFingerprint;
  }

  /**
   * Predicts every row, in batches. The target column, if present, is ignored (masked).
   *
   * @param space the space the predictor was trained on
   */
  public List<Prediction> predict(EmbeddingSpace space, Frame rows) {
    return predictWithReport(space, rows).predictions();
  }

  /** Predictions with the count of unparseable input values per column. */
  public Predictions predictWithReport(EmbeddingSpace space, Frame rows) {
    checkSpace(space);
    List<Prediction> out = new ArrayList<>(rows.rowCount());
    Map<String, Long> unparseable = new LinkedHashMap<>();
    for (int from = 0; from < rows.rowCount(); from += CHUNK_ROWS) {
      int to = Math.min(rows.rowCount(), from + CHUNK_ROWS);
      Frame chunk = chunk(rows, from, to);
      SpaceFeatures f = inputs(space, chunk, Set.of(target));
      f.unparseable().forEach((k, v) -> unparseable.merge(k, v, Long::sum));
      float[] outputs = outputs(f);
      for (int i = 0; i < f.rows(); i++) {
        out.add(toPrediction(outputs, i));
      }
    }
    return new Predictions(out, unparseable);
  }

  /**
   * Explains the predictions of every row, in batches: per input column, one pass of the space
   * over all rows with that column masked (besides the target) gives its signed importance;
   * related tables count as one column each ({@code TABLE.*}). With trees or a linear model, each
   * named summary of a related table they read ({@code ORDERS.RETURNED=no.share}) also gets an
   * importance: the prediction minus the prediction with that value unknown to them (listed when
   * not zero). Costs about (input columns + 1) times a {@link #predict} call, plus a pass of the
   * head and trees per summary.
   *
   * @param space the space the predictor was trained on
   * @param rows the rows; input columns absent from them are treated as missing and reported
   */
  public List<Explanation> explain(EmbeddingSpace space, Frame rows) {
    checkSpace(space);
    return PredictionExplainer.explain(this, space, rows);
  }

  /**
   * The named summaries of related tables ({@code ORDERS.RETURNED=yes.share}) this predictor's
   * boosted trees and linear model read, in their order; empty when it has neither or predates
   * the names.
   */
  public List<String> summaryNames() {
    return trees == null ? List.of() : trees.inputs().summaryValueNames();
  }

  /**
   * Predictions of rows, once per change of the named summaries the trees and the linear model
   * read ({@link #summaryNames}): change k gives row i the value of summary {@code summaries[k]}
   * of row {@code orders.get(k)[i]}. The space embeds the rows once, so its related-table tokens
   * still read each row's own related rows and a change costs a pass of the head and the members
   * only: what the summary itself adds beside the network.
   *
   * @param space the space the predictor was trained on
   */
  public List<List<Prediction>> predictWithSummariesMoved(EmbeddingSpace space, Frame rows,
      int[] summaries, List<int[]> orders) {
    checkSpace(space);
    if (trees == null || summaries.length != orders.size()) {
      throw ErrorCode.SUMMARIES_NOT_READ.failure(target,
          trees == null ? "no related-table summaries outside its network"
          : summaries.length + " summaries for " + orders.size() + " row orders");
    }
    SpaceFeatures base = features(space, rows, Set.of(target));
    base.standardise(featureMean, featureStd);
    int w = base.treeWidth();
    int first = trees.inputs().firstSummaryValue();
    List<List<Prediction>> out = new ArrayList<>(summaries.length);
    for (int k = 0; k < summaries.length; k++) {
      float[] values = base.treeValues().clone();
      int[] order = orders.get(k);
      int at = first + summaries[k];
      for (int i = 0; i < base.rows(); i++) {
        values[i * w + at] = base.treeValues()[order[i] * w + at];
      }
      float[] outputs = outputs(base.withTreeValues(values, w));
      List<Prediction> predictions = new ArrayList<>(base.rows());
      for (int i = 0; i < base.rows(); i++) {
        predictions.add(toPrediction(outputs, i));
      }
      out.add(predictions);
    }
    return out;
  }

  /** What importance is measured on: the predicted class's probability, or the value. */
  double score(float[] outputs, int row, int predictedClass) {
    if (task == Task.REGRESSION) {
      return targetScale.toValue(outputs[row]);
    }
    return calibration.probabilities(outputs, row * head.outputs(), head.outputs())[predictedClass];
  }

  /**
   * The model's inputs for rows, before standardisation, on the space this predictor reads: the
   * network's features and, when it has trees, their inputs.
   */
  SpaceFeatures features(EmbeddingSpace space, Frame rows, Set<String> masked) {
    SpaceFeatures f = SpaceFeatures.of(spaceFor(space), rows, masked, headTokens, columnFeatures);
    return trees == null ? f
        : f.withTreeValues(trees.inputs().values(rows, masked), trees.inputs().width());
  }

  /**
   * What {@link #outputs} reads for rows, with the given columns masked: when the blend gives the
   * network and the space no share, the trees' and linear model's inputs alone, without running
   * the space; else the network's features, standardised as they are written (the same bits as
   * {@link #features} then {@link SpaceFeatures#standardise}), beside the members' inputs.
   * Every route that predicts (PREDICT, PREDICT_PROBA, explanations) reads its inputs here.
   */
  SpaceFeatures inputs(EmbeddingSpace space, Frame rows, Set<String> masked) {
    if (trees != null && !trees.needsSpace()) {
      return membersOnly(space, rows, masked);
    }
    return inputsWithSpace(space, rows, masked);
  }

  /**
   * The inputs with the space's outputs even when the blend gives the network no share:
   * explanations measure how far a row lies from the training rows in them.
   */
  SpaceFeatures inputsWithSpace(EmbeddingSpace space, Frame rows, Set<String> masked) {
    SpaceFeatures f = SpaceFeatures.standardised(spaceFor(space), rows, masked, headTokens,
        columnFeatures, featureMean, featureStd);
    return trees == null ? f
        : f.withTreeValues(trees.inputs().values(rows, masked), trees.inputs().width());
  }

  /**
   * The inputs of a predictor whose trees and linear model take the whole share: their inputs
   * alone, without running the space (the network is not evaluated).
   */
  private SpaceFeatures membersOnly(EmbeddingSpace space, Frame rows, Set<String> masked) {
    return new SpaceFeatures(new float[0], rows.rowCount(), 0, spaceFor(space).unparseable(rows))
        .withTreeValues(trees.inputs().values(rows, masked), trees.inputs().width());
  }

  /**
   * The space rows are embedded with: the given space itself, or, when this predictor fine-tuned
   * layers of it, its own copy with the tuned layers (made once per space and kept).
   */
  private synchronized EmbeddingSpace spaceFor(EmbeddingSpace space) {
    if (tuned == null) {
      return space;
    }
    if (closed) {
      throw ErrorCode.PREDICTOR_CLOSED.failure();
    }
    if (tunedSpace == null) {
      tunedSpace = tuned.applyTo(space);
    }
    return tunedSpace;
  }

  /** Whether this predictor embeds rows with its own fine-tuned layers of the space. */
  public boolean fineTuned() {
    return tuned != null;
  }

  /**
   * The space's weights this predictor embeds rows with: {@code space}'s own, or with the layers
   * it fine-tuned replaced.
   */
  public float[] spaceWeights(EmbeddingSpace space) {
    checkSpace(space);
    return spaceFor(space).weights();
  }

  private void checkSpace(EmbeddingSpace space) {
    if (!space.fingerprint().equals(spaceFingerprint)) {
      throw ErrorCode.OTHER_SPACE.failure(target);
    }
  }

  static Frame chunk(Frame rows, int from, int to) {
    if (from == 0 && to == rows.rowCount()) {
      return rows;
    }
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    return rows.rows(idx);
  }

  /**
   * Raw outputs (logits, or the standardised value) for standardised features, row-major (rows x
   * outputs): the network's, mixed with the trees' when the predictor has them.
   */
  float[] outputs(SpaceFeatures f) {
    return network.outputs(f, trees, task == Task.BINARY ? classes.indexOf(positiveLabel) : -1);
  }

  Prediction toPrediction(float[] outputs, int row) {
    int k = head.outputs();
    if (task == Task.REGRESSION) {
      double v = targetScale.toValue(outputs[row]);
      if (interval == null) {
        return new Prediction(null, v, Map.of());
      }
      return new Prediction(null, v, Map.of(), interval.lower(v), interval.upper(v),
          interval.std(v));
    }
    double[] p = calibration.probabilities(outputs, row * k, k);
    Map<String, Double> probabilities = new LinkedHashMap<>();
    int best = 0;
    for (int j = 0; j < k; j++) {
      probabilities.put(classes.get(j), p[j]);
      if (p[j] > p[best]) {
        best = j;
      }
    }
    if (task == Task.BINARY) {
      int positive = classes.indexOf(positiveLabel);
      best = p[positive] >= threshold ? positive : 1 - positive;
    }
    return new Prediction(classes.get(best), p[best], Collections.unmodifiableMap(probabilities));
  }

  /** Softmax of {@code k} logits from {@code offset}, divided by the temperature first. */
  public static double[] softmax(float[] logits, int offset, int k, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, logits[offset + j] / temperature);
    }
    double[] p = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      p[j] = Math.exp(logits[offset + j] / temperature - max);
      sum += p[j];
    }
    for (int j = 0; j < k; j++) {
      p[j] /= sum;
    }
    return p;
  }

  /** The target column's kind of values (its SQL type's), which labels keep. */
  public ValueKind targetKind() {
    return targetKind;
  }

  /** How raw outputs become probabilities, fitted on the validation rows. */
  public Calibration calibrator() {
    return calibration;
  }

  /** The regression's prediction interval, or null (classification, predictors of format 1). */
  public PredictionInterval interval() {
    return interval;
  }

  /** Statistics of the training rows' inputs, for range and distance warnings. */
  public TrainingInputs trainingInputs() {
    return trainingInputs;
  }

  /** Per network input, the fitting rows' mean used to standardise it (not to be changed). */
  public float[] featureMean() {
    return featureMean;
  }

  /** Per network input, the fitting rows' standard deviation (not to be changed). */
  public float[] featureStd() {
    return featureStd;
  }

  /** The network on the space's outputs. */
  public PredictorHead head() {
    return head;
  }

  /** The head's trained weights, flat in its layout's order (not to be changed). */
  public float[] parameterValues() {
    return parameterValues;
  }

  /** How outputs map to the target's values (regression; identity otherwise). */
  public TargetScale targetScale() {
    return targetScale;
  }

  /** Whether the network reads the input columns' own features beside the space's outputs. */
  public boolean columnFeatures() {
    return columnFeatures;
  }

  /**
   * Which token outputs of the space the network reads: {@link TokenOutputs#PENULTIMATE_LAYER}
   * for predictors trained now (the space's last layer runs for the CLS query alone), {@link
   * TokenOutputs#LAST_LAYER} for those saved before predictor format 10.
   */
  public TokenOutputs headTokens() {
    return headTokens;
  }

  /** The space's layers this predictor fine-tuned, or null when it reads the frozen space. */
  public TunedLayers tunedLayers() {
    return tuned;
  }

  /** The trees and linear model mixed with the network's outputs, or null (network alone). */
  public TreeBlend blend() {
    return trees;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      network.close();
      if (tunedSpace != null) {
        tunedSpace.close();
      }
    }
  }
}
