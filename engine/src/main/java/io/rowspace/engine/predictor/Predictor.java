package io.rowspace.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.store.ModelFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained predictor: a small network on top of an embedding space, for one target column.
 * Predictions always run the space with the target column masked, exactly as in training.
 *
 * <p>Thread-safe: {@link #predict} calls are serialised, each in its own native memory scope.
 */
public final class Predictor implements AutoCloseable {
  static final String MAGIC = "RSPR";
  static final int VERSION = 1;
  private static final int CHUNK_ROWS = 2048;

  final Task task;
  final String target;
  final ValueKind targetKind;
  final List<String> classes;
  final String positiveLabel;
  final double threshold;
  final double temperature;
  final PredictorMetrics metrics;
  final Map<String, Double> classDistribution;
  final List<String> inputColumns;
  final int trainingRows;
  final String spaceFingerprint;
  final float[] featureMean;
  final float[] featureStd;
  final MlpHead head;
  final float[] parameterValues;
  final double targetMean;
  final double targetStd;
  final Map<String, String> options;
  private final NDManager manager;
  private final NDArray parameters;
  private boolean closed;

  Predictor(Task task, String target, ValueKind targetKind, List<String> classes,
      String positiveLabel, double threshold, double temperature, PredictorMetrics metrics,
      Map<String, Double> classDistribution, List<String> inputColumns, int trainingRows,
      String spaceFingerprint, float[] featureMean, float[] featureStd, MlpHead head,
      float[] parameterValues, double targetMean, double targetStd, Map<String, String> options) {
    this.task = task;
    this.target = target;
    this.targetKind = targetKind;
    this.classes = List.copyOf(classes);
    this.positiveLabel = positiveLabel;
    this.threshold = threshold;
    this.temperature = temperature;
    this.metrics = metrics;
    this.classDistribution = Collections.unmodifiableMap(new LinkedHashMap<>(classDistribution));
    this.inputColumns = List.copyOf(inputColumns);
    this.trainingRows = trainingRows;
    this.spaceFingerprint = spaceFingerprint;
    this.featureMean = featureMean;
    this.featureStd = featureStd;
    this.head = head;
    this.parameterValues = parameterValues;
    this.targetMean = targetMean;
    this.targetStd = targetStd;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.manager = NDManager.newBaseManager(EngineRuntime.ensureStarted());
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

  /** Temperature that calibrates the probabilities (fitted on validation rows). */
  public double temperature() {
    return temperature;
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
    if (!space.fingerprint().equals(spaceFingerprint)) {
      throw new EngineException(EngineException.Kind.INVALID_OPTION, "Predictor of '" + target
          + "' was trained on a different embedding space; use the space it was trained on or "
          + "re-create the predictor.");
    }
    List<Prediction> out = new ArrayList<>(rows.rowCount());
    Map<String, Long> unparseable = new LinkedHashMap<>();
    for (int from = 0; from < rows.rowCount(); from += CHUNK_ROWS) {
      int to = Math.min(rows.rowCount(), from + CHUNK_ROWS);
      int[] idx = new int[to - from];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = from + i;
      }
      Frame chunk = from == 0 && to == rows.rowCount() ? rows : rows.rows(idx);
      SpaceFeatures f = SpaceFeatures.of(space, chunk, target);
      f.unparseable().forEach((k, v) -> unparseable.merge(k, v, Long::sum));
      f.standardise(featureMean, featureStd);
      float[] outputs = outputs(f);
      for (int i = 0; i < f.rows(); i++) {
        out.add(toPrediction(outputs, i));
      }
    }
    return new Predictions(out, unparseable);
  }

  /** Raw network outputs for standardised features, row-major (rows x outputs). */
  float[] outputs(SpaceFeatures f) {
    synchronized (this) {
      if (closed) {
        throw new EngineException(EngineException.Kind.INTERNAL,
            "Predictor was closed; load it again to use it.");
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray x = scope.create(f.values(), new Shape(f.rows(), f.width()));
        return head.forward(head.layout.views(parameters, scope), x, null).toFloatArray();
      }
    }
  }

  Prediction toPrediction(float[] outputs, int row) {
    int k = head.outputs;
    if (task == Task.REGRESSION) {
      return new Prediction(null, outputs[row] * targetStd + targetMean, Map.of());
    }
    double[] p = softmax(outputs, row * k, k, temperature);
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
      out.writeUTF(task.name());
      out.writeUTF(target);
      out.writeUTF(targetKind.name());
      ModelFile.writeStrings(out, classes);
      ModelFile.writeNullableUtf(out, positiveLabel);
      out.writeDouble(threshold);
      out.writeDouble(temperature);
      out.writeUTF(metrics.metric());
      double[] m = {metrics.metricValue(), metrics.auc(), metrics.accuracy(), metrics.f1(),
          metrics.logLoss(), metrics.rmse(), metrics.mae(), metrics.r2(),
          metrics.calibrationError()};
      for (double v : m) {
        out.writeDouble(v);
      }
      out.writeInt(metrics.trainRows());
      out.writeInt(metrics.validationRows());
      out.writeInt(classDistribution.size());
      for (Map.Entry<String, Double> e : classDistribution.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
      ModelFile.writeStrings(out, inputColumns);
      out.writeInt(trainingRows);
      out.writeUTF(spaceFingerprint);
      ModelFile.writeFloats(out, featureMean);
      ModelFile.writeFloats(out, featureStd);
      out.writeInt(head.inputs);
      out.writeInt(head.hidden);
      out.writeInt(head.outputs);
      ModelFile.writeFloats(out, parameterValues);
      out.writeDouble(targetMean);
      out.writeDouble(targetStd);
      ModelFile.writeMap(out, options);
    });
  }

  /** Loads a predictor saved by {@link #toBytes()}; corrupt bytes give an UNUSABLE_DATA error. */
  public static Predictor fromBytes(byte[] bytes) {
    return ModelFile.read(bytes, MAGIC, VERSION, "predictor", (in, version) -> {
      Task task = Task.valueOf(in.readUTF());
      String target = in.readUTF();
      ValueKind kind = ValueKind.valueOf(in.readUTF());
      List<String> classes = ModelFile.readStrings(in);
      String positive = ModelFile.readNullableUtf(in);
      double threshold = in.readDouble();
      double temperature = in.readDouble();
      String metric = in.readUTF();
      double[] m = new double[9];
      for (int i = 0; i < m.length; i++) {
        m[i] = in.readDouble();
      }
      PredictorMetrics metrics = new PredictorMetrics(metric, m[0], m[1], m[2], m[3], m[4], m[5],
          m[6], m[7], m[8], in.readInt(), in.readInt());
      int nd = in.readInt();
      if (nd < 0 || nd > 1_000_000) {
        throw new IOException("invalid class count " + nd);
      }
      Map<String, Double> distribution = new LinkedHashMap<>();
      for (int i = 0; i < nd; i++) {
        distribution.put(in.readUTF(), in.readDouble());
      }
      List<String> inputs = ModelFile.readStrings(in);
      int trainingRows = in.readInt();
      String fingerprint = in.readUTF();
      float[] mean = ModelFile.readFloats(in);
      float[] std = ModelFile.readFloats(in);
      MlpHead head = new MlpHead(in.readInt(), in.readInt(), in.readInt());
      float[] params = ModelFile.readFloats(in);
      if (params.length != head.layout.size() || mean.length != head.inputs
          || std.length != head.inputs) {
        throw new IOException("weights do not match the network's shape");
      }
      double targetMean = in.readDouble();
      double targetStd = in.readDouble();
      Map<String, String> options = ModelFile.readMap(in);
      return new Predictor(task, target, kind, classes, positive, threshold, temperature, metrics,
          distribution, inputs, trainingRows, fingerprint, mean, std, head, params, targetMean,
          targetStd, options);
    });
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }
}
