package io.rowspace.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.nn.BatchPadding;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.store.ModelFile;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Set;

/**
 * A trained predictor: a small network on top of an embedding space, for one target column,
 * usually blended with boosted trees that read its input columns ({@link TreeBlend}).
 * Predictions always run the space with the target column masked, exactly as in training.
 *
 * <p>Thread-safe: {@link #predict} calls are serialised, each in its own native memory scope.
 */
public final class Predictor implements AutoCloseable {
  static final String MAGIC = "RSPR";
  /**
   * Version 2 added the calibration method, regression intervals and input statistics; version 3
   * the head's name and sizes (older files hold an MLP head); version 4 the input columns' own
   * features beside the space's outputs and the fine-tuned layers of the space (older files read
   * the frozen space alone); version 5 the boosted trees blended with the network (older files
   * have none); version 6 the target's transform (older files learned the target as it is);
   * version 7 the linear model beside the trees (older files have trees alone); version 8 the
   * names of the related tables' summaries the trees read (older files name them by position);
   * version 9 the global permutation importance (older files have none).
   */
  static final int VERSION = 9;
  private static final int CHUNK_ROWS = 2048;

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
  /** The space's layers this predictor fine-tuned, or null when it reads the frozen space. */
  final TunedLayers tuned;
  /** The boosted trees mixed with the network's outputs, or null (network alone). */
  final TreeBlend trees;
  private final NDManager manager;
  private final Cleaner.Cleanable nativeMemory;
  private final NDArray parameters;
  /**
   * Permutation importance measured at training, or null (predictors saved before format 9, and
   * drafts during training). Set once, before the predictor is handed out.
   */
  private GlobalImportance importance;
  private EmbeddingSpace tunedSpace;
  private HeadInference headInference;
  private boolean closed;

  Predictor(Task task, String target, ValueKind targetKind, List<String> classes,
      String positiveLabel, double threshold, Calibration calibration, PredictionInterval interval,
      TrainingInputs trainingInputs, PredictorMetrics metrics,
      Map<String, Double> classDistribution, List<String> inputColumns, int trainingRows,
      String spaceFingerprint, float[] featureMean, float[] featureStd, PredictorHead head,
      float[] parameterValues, TargetScale targetScale, Map<String, String> options,
      boolean columnFeatures, TunedLayers tuned, TreeBlend trees) {
    this.columnFeatures = columnFeatures;
    this.trees = trees;
    this.tuned = tuned;
    this.task = task;
    this.target = target;
    this.targetKind = targetKind;
    this.classes = List.copyOf(classes);
    this.positiveLabel = positiveLabel;
    this.threshold = threshold;
    this.calibration = calibration;
    this.interval = interval;
    this.trainingInputs = trainingInputs;
    this.metrics = metrics;
    this.classDistribution = Collections.unmodifiableMap(new LinkedHashMap<>(classDistribution));
    this.inputColumns = List.copyOf(inputColumns);
    this.trainingRows = trainingRows;
    this.spaceFingerprint = spaceFingerprint;
    this.featureMean = featureMean;
    this.featureStd = featureStd;
    this.head = head;
    this.parameterValues = parameterValues;
    this.targetScale = targetScale;
    // Sorted, so the saved bytes do not depend on the order of the caller's map.
    this.options = Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    this.manager = NDManager.newBaseManager(EngineRuntime.ensureStarted());
    this.nativeMemory = EngineRuntime.closeWhenUnreachable(this, manager);
    this.parameters = manager.create(parameterValues);
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
    Map<String, String> resolved = new java.util.TreeMap<>(options);
    resolved.keySet().removeAll(List.of("calibration_log_loss", "temperature",
        "calibration_error_uncalibrated"));
    return Collections.unmodifiableMap(resolved);
  }

  /**
   * How much the predictor's validation metric depends on each input column and related table
   * (permutation importance, measured at training); empty for predictors saved before format 9.
   */
  public java.util.Optional<GlobalImportance> globalImportance() {
    return java.util.Optional.ofNullable(importance);
  }

  /** This predictor with its global importance, replacing it (which is closed). */
  Predictor withImportance(GlobalImportance measured) {
    Predictor copy = new Predictor(task, target, targetKind, classes, positiveLabel, threshold,
        calibration, interval, trainingInputs, metrics, classDistribution, inputColumns,
        trainingRows, spaceFingerprint, featureMean, featureStd, head, parameterValues,
        targetScale, options, columnFeatures, tuned, trees);
    copy.importance = measured;
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
    Predictor copy = new Predictor(task, name.apply(target), targetKind, classes, positiveLabel,
        threshold, calibration, interval, trainingInputs.renamed(name), metrics,
        classDistribution, inputColumns.stream().map(name).toList(), trainingRows,
        space.fingerprint(), featureMean, featureStd, head, parameterValues, targetScale, options,
        columnFeatures, tuned, trees == null ? null : trees.renamed(name));
    copy.importance = importance == null ? null : importance.renamed(name);
    return copy;
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
      SpaceFeatures f = trees != null && !trees.needsSpace()
          ? membersOnly(space, chunk, Set.of(target)) : features(space, chunk, Set.of(target));
      f.unparseable().forEach((k, v) -> unparseable.merge(k, v, Long::sum));
      f.standardise(featureMean, featureStd);
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
    List<Explanation> out = new ArrayList<>(rows.rowCount());
    List<String> absent = new ArrayList<>();
    for (String c : inputColumns) {
      if (rows.indexOf(c) < 0) {
        absent.add(c);
      }
    }
    // Related tables explain as one factor each, named TABLE.* in the importance.
    List<String> factors = new ArrayList<>(inputColumns);
    List<String> factorNames = new ArrayList<>(inputColumns);
    for (Relation relation : space.relations()) {
      factors.add(relation.name());
      factorNames.add(relation.name() + ".*");
      if (rows.related().stream().noneMatch(r -> r.relation().name().equals(relation.name()))) {
        absent.add("the rows of related table " + relation.table());
      }
    }
    Map<String, ValueKind> kinds = new LinkedHashMap<>();
    for (ColumnProfile profile : space.columns()) {
      if (inputColumns.contains(profile.name())) {
        kinds.put(profile.name(), profile.valueKind());
      }
    }
    for (int from = 0; from < rows.rowCount(); from += CHUNK_ROWS) {
      int to = Math.min(rows.rowCount(), from + CHUNK_ROWS);
      Frame chunk = chunk(rows, from, to);
      SpaceFeatures base = features(space, chunk, Set.of(target));
      base.standardise(featureMean, featureStd);
      float[] baseOutputs = outputs(base);
      int b = chunk.rowCount();
      Prediction[] predictions = new Prediction[b];
      double[] baseScore = new double[b];
      int[] predictedClass = new int[b];
      for (int i = 0; i < b; i++) {
        predictions[i] = toPrediction(baseOutputs, i);
        predictedClass[i] = task == Task.REGRESSION ? -1 : classes.indexOf(predictions[i].label());
        baseScore[i] = score(baseOutputs, i, predictedClass[i]);
      }
      double[][] importance = new double[b][factors.size()];
      for (int j = 0; j < factors.size(); j++) {
        SpaceFeatures masked = features(space, chunk, Set.of(target, factors.get(j)));
        masked.standardise(featureMean, featureStd);
        float[] maskedOutputs = outputs(masked);
        for (int i = 0; i < b; i++) {
          importance[i][j] = baseScore[i] - score(maskedOutputs, i, predictedClass[i]);
        }
      }
      // Each named summary of a related table the trees and the linear model read: the
      // prediction minus the prediction with that one value unknown to them (the network still
      // sees the table), so the details name the aggregate that decides.
      List<String> summaries = trees == null ? List.of() : trees.inputs().summaryValueNames();
      int firstSummary = trees == null ? 0 : trees.inputs().firstSummaryValue();
      double[][] summaryImportance = new double[b][summaries.size()];
      for (int k = 0; k < summaries.size(); k++) {
        float[] values = base.treeValues().clone();
        int w = base.treeWidth();
        for (int i = 0; i < b; i++) {
          values[i * w + firstSummary + k] = Float.NaN;
        }
        float[] maskedOutputs = outputs(base.withTreeValues(values, w));
        for (int i = 0; i < b; i++) {
          summaryImportance[i][k] = baseScore[i] - score(maskedOutputs, i, predictedClass[i]);
        }
      }
      for (int i = 0; i < b; i++) {
        Integer[] order = new Integer[factors.size() + summaries.size()];
        for (int j = 0; j < order.length; j++) {
          order[j] = j;
        }
        double[] imp = new double[order.length];
        System.arraycopy(importance[i], 0, imp, 0, factors.size());
        System.arraycopy(summaryImportance[i], 0, imp, factors.size(), summaries.size());
        Arrays.sort(order, (x, y) -> {
          int c = Double.compare(Math.abs(imp[y]), Math.abs(imp[x]));
          return c != 0 ? c : Integer.compare(x, y);
        });
        Map<String, Double> ranked = new LinkedHashMap<>();
        for (int j : order) {
          if (j < factors.size()) {
            ranked.put(factorNames.get(j), imp[j]);
          } else if (imp[j] != 0) {
            ranked.putIfAbsent(summaries.get(j - factors.size()), imp[j]);
          }
        }
        List<String> warnings = new ArrayList<>();
        for (String c : absent) {
          warnings.add(c + (c.startsWith("the rows of ") ? " are absent; treated as none"
              : " is absent; treated as missing"));
        }
        for (Map.Entry<String, ValueKind> e : kinds.entrySet()) {
          int c = chunk.indexOf(e.getKey());
          if (c < 0) {
            continue;
          }
          Object v = chunk.value(i, c);
          if (ValueParser.isMissing(v, e.getValue())) {
            continue;
          }
          if (ValueParser.key(v, e.getValue()) == null) {
            warnings.add(e.getKey() + " value '" + v + "' is not a valid "
                + (e.getValue() == ValueKind.TEMPORAL ? "date or timestamp"
                    : e.getValue().name().toLowerCase(Locale.ROOT)) + "; treated as missing");
          } else if (e.getValue() == ValueKind.NUMBER) {
            String w = trainingInputs.rangeWarning(e.getKey(),
                ValueParser.number(v, ValueKind.NUMBER));
            if (w != null) {
              warnings.add(w);
            }
          }
        }
        String far = trainingInputs.distanceWarning(TrainingInputs.distance(base, i));
        if (far != null) {
          warnings.add(far);
        }
        out.add(new Explanation(predictions[i], Collections.unmodifiableMap(ranked),
            List.copyOf(warnings)));
      }
    }
    return out;
  }

  /** What importance is measured on: the predicted class's probability, or the value. */
  private double score(float[] outputs, int row, int predictedClass) {
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
    SpaceFeatures f = SpaceFeatures.of(spaceFor(space), rows, masked, columnFeatures);
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
      throw new EngineException(EngineException.Kind.INTERNAL,
          "Predictor was closed; load it again to use it.");
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
      throw new EngineException(EngineException.Kind.INVALID_OPTION, "Predictor of '" + target
          + "' was trained on a different embedding space; use the space it was trained on or "
          + "re-create the predictor.");
    }
  }

  private static Frame chunk(Frame rows, int from, int to) {
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
    if (trees == null) {
      return networkOutputs(f);
    }
    float[] network = trees.needsNetwork() ? networkOutputs(f) : null;
    return trees.mix(network, f, head.outputs(),
        task == Task.BINARY ? classes.indexOf(positiveLabel) : -1);
  }

  private float[] networkOutputs(SpaceFeatures f) {
    if (InferencePath.current() == InferencePath.JAVA) {
      return headInference().forward(f.values(), f.rows());
    }
    synchronized (this) {
      if (closed) {
        throw new EngineException(EngineException.Kind.INTERNAL,
            "Predictor was closed; load it again to use it.");
      }
      int padded = BatchPadding.rows(f.rows());
      float[] values = BatchPadding.repeatLastRow(f.values(), f.rows(), f.width(), padded);
      try (NDManager scope = manager.newSubManager()) {
        NDArray x = scope.create(values, new Shape(padded, f.width()));
        float[] outputs = head.forward(head.layout().views(parameters, scope), x, null)
            .toFloatArray();
        return padded == f.rows() ? outputs
            : Arrays.copyOf(outputs, f.rows() * head.outputs());
      }
    }
  }

  /** The head's Java forward pass, its weights prepared on first use. */
  private synchronized HeadInference headInference() {
    if (closed) {
      throw new EngineException(EngineException.Kind.INTERNAL,
          "Predictor was closed; load it again to use it.");
    }
    if (headInference == null) {
      headInference = head.prepare(parameterValues);
    }
    return headInference;
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

  static double[] softmax(float[] logits, int offset, int k, double temperature) {
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

  /** The predictor in Rowspace's versioned binary format. */
  public byte[] toBytes() {
    return ModelFile.write(MAGIC, VERSION, out -> {
      ModelFile.writeText(out, task.name());
      ModelFile.writeText(out, target);
      ModelFile.writeText(out, targetKind.name());
      ModelFile.writeStrings(out, classes);
      ModelFile.writeNullableUtf(out, positiveLabel);
      out.writeDouble(threshold);
      calibration.write(out);
      out.writeBoolean(interval != null);
      if (interval != null) {
        interval.write(out);
      }
      trainingInputs.write(out);
      ModelFile.writeText(out, metrics.metric());
      double[] m = {metrics.metricValue(), metrics.auc(), metrics.accuracy(), metrics.f1(),
          metrics.logLoss(), metrics.rmse(), metrics.mae(), metrics.r2(),
          metrics.calibrationError(), metrics.intervalCoverage()};
      for (double v : m) {
        out.writeDouble(v);
      }
      out.writeInt(metrics.trainRows());
      out.writeInt(metrics.validationRows());
      out.writeInt(classDistribution.size());
      for (Map.Entry<String, Double> e : classDistribution.entrySet()) {
        ModelFile.writeText(out, e.getKey());
        out.writeDouble(e.getValue());
      }
      ModelFile.writeStrings(out, inputColumns);
      out.writeInt(trainingRows);
      ModelFile.writeText(out, spaceFingerprint);
      ModelFile.writeFloats(out, featureMean);
      ModelFile.writeFloats(out, featureStd);
      head.write(out);
      ModelFile.writeFloats(out, parameterValues);
      targetScale.write(out);
      ModelFile.writeMap(out, options);
      out.writeBoolean(columnFeatures);
      out.writeBoolean(tuned != null);
      if (tuned != null) {
        tuned.write(out);
      }
      out.writeBoolean(trees != null);
      if (trees != null) {
        trees.write(out);
      }
      out.writeBoolean(importance != null);
      if (importance != null) {
        importance.write(out);
      }
    });
  }

  /**
   * Loads a predictor saved by {@link #toBytes()}, in this or an older format version; corrupt
   * bytes give an UNUSABLE_DATA error. Version 1 predictors load with temperature calibration,
   * no regression intervals (NaN) and no input statistics (no range or distance warnings);
   * versions 1 and 2 hold an MLP head; versions 1 to 3 read the frozen space's outputs alone;
   * versions 1 to 4 have no trees; versions 1 to 5 no target transform; versions 5 and 6 no
   * linear model beside the trees; versions 1 to 8 no global importance.
   */
  public static Predictor fromBytes(byte[] bytes) {
    return ModelFile.read(bytes, MAGIC, VERSION, "predictor", (in, version) -> {
      Task task = Task.valueOf(ModelFile.readText(in));
      String target = ModelFile.readText(in);
      ValueKind kind = ValueKind.valueOf(ModelFile.readText(in));
      List<String> classes = ModelFile.readStrings(in);
      String positive = ModelFile.readNullableUtf(in);
      double threshold = in.readDouble();
      Calibration calibration;
      PredictionInterval interval = null;
      TrainingInputs inputStats = TrainingInputs.NONE;
      if (version == 1) {
        calibration = Calibration.temperature(in.readDouble(), positive == null ? -1
            : classes.indexOf(positive));
      } else {
        calibration = Calibration.read(in);
        if (in.readBoolean()) {
          interval = PredictionInterval.read(in);
        }
        inputStats = TrainingInputs.read(in);
      }
      String metric = ModelFile.readText(in);
      double[] m = new double[version == 1 ? 9 : 10];
      for (int i = 0; i < m.length; i++) {
        m[i] = in.readDouble();
      }
      PredictorMetrics metrics = new PredictorMetrics(metric, m[0], m[1], m[2], m[3], m[4], m[5],
          m[6], m[7], m[8], in.readInt(), in.readInt(), version == 1 ? Double.NaN : m[9]);
      int nd = in.readInt();
      if (nd < 0 || nd > 1_000_000) {
        throw new IOException("invalid class count " + nd);
      }
      Map<String, Double> distribution = new LinkedHashMap<>();
      for (int i = 0; i < nd; i++) {
        distribution.put(ModelFile.readText(in), in.readDouble());
      }
      List<String> inputs = ModelFile.readStrings(in);
      int trainingRows = in.readInt();
      String fingerprint = ModelFile.readText(in);
      float[] mean = ModelFile.readFloats(in);
      float[] std = ModelFile.readFloats(in);
      PredictorHead head = version < 3 ? new MlpHead(in.readInt(), in.readInt(), in.readInt())
          : PredictorHead.read(in);
      float[] params = ModelFile.readFloats(in);
      if (params.length != head.layout().size() || mean.length != head.inputs()
          || std.length != head.inputs()) {
        throw new IOException("weights do not match the network's shape");
      }
      TargetScale targetScale = TargetScale.read(in, version >= 6);
      Map<String, String> options = ModelFile.readMap(in);
      boolean columnFeatures = false;
      TunedLayers tuned = null;
      if (version >= 4) {
        columnFeatures = in.readBoolean();
        tuned = in.readBoolean() ? TunedLayers.read(in) : null;
      }
      TreeBlend trees = version >= 5 && in.readBoolean() ? TreeBlend.read(in, version) : null;
      GlobalImportance importance = version >= 9 && in.readBoolean()
          ? GlobalImportance.read(in) : null;
      Predictor predictor = new Predictor(task, target, kind, classes, positive, threshold,
          calibration, interval, inputStats, metrics,
          distribution, inputs, trainingRows, fingerprint, mean, std, head, params, targetScale,
          options, columnFeatures, tuned, trees);
      predictor.importance = importance;
      return predictor;
    });
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      nativeMemory.clean();
      if (tunedSpace != null) {
        tunedSpace.close();
      }
    }
  }
}
