package io.rowspace.engine.store;

import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.predictor.Calibration;
import io.rowspace.engine.predictor.GlobalImportance;
import io.rowspace.engine.predictor.PredictionInterval;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorMetrics;
import io.rowspace.engine.predictor.TargetScale;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.TrainingInputs;
import io.rowspace.engine.predictor.TreeBlend;
import io.rowspace.engine.predictor.TunedLayers;
import io.rowspace.engine.profile.ValueKind;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predictor's versioned binary format, in a {@link ModelFile} container: {@link #write}
 * writes the current version, {@link #read} reads it and every older one. The parts a predictor
 * is made of (calibration, interval, head, trees, ...) write and read their own bodies; this class
 * holds their order and what each version of the format has or lacks.
 *
 * <p>Version 2 added the calibration method, regression intervals and input statistics; version 3
 * the head's name and sizes (older files hold an MLP head); version 4 the input columns' own
 * features beside the space's outputs and the fine-tuned layers of the space (older files read
 * the frozen space alone); version 5 the boosted trees blended with the network (older files
 * have none); version 6 the target's transform (older files learned the target as it is);
 * version 7 the linear model beside the trees (older files have trees alone); version 8 the
 * names of the related tables' summaries the trees read (older files name them by position);
 * version 9 the global permutation importance (older files have none); version 10 which token
 * outputs of the space the network reads (older files read the last layer's).
 */
public final class PredictorFormat {
  static final String MAGIC = "RSPR";
  /** The version {@link #write} writes. */
  public static final int VERSION = 10;

  private PredictorFormat() {}

  /** The predictor in the current version of the format. */
  public static byte[] write(Predictor p) {
    return ModelFile.write(MAGIC, VERSION, out -> {
      ModelFile.writeText(out, p.task().name());
      ModelFile.writeText(out, p.target());
      ModelFile.writeText(out, p.targetKind().name());
      ModelFile.writeStrings(out, p.classes());
      ModelFile.writeNullableUtf(out, p.positiveLabel());
      out.writeDouble(p.threshold());
      p.calibrator().write(out);
      PredictionInterval interval = p.interval();
      out.writeBoolean(interval != null);
      if (interval != null) {
        interval.write(out);
      }
      p.trainingInputs().write(out);
      PredictorMetrics metrics = p.metrics();
      ModelFile.writeText(out, metrics.metric());
      double[] m = {metrics.metricValue(), metrics.auc(), metrics.accuracy(), metrics.f1(),
          metrics.logLoss(), metrics.rmse(), metrics.mae(), metrics.r2(),
          metrics.calibrationError(), metrics.intervalCoverage()};
      for (double v : m) {
        out.writeDouble(v);
      }
      out.writeInt(metrics.trainRows());
      out.writeInt(metrics.validationRows());
      out.writeInt(p.classDistribution().size());
      for (Map.Entry<String, Double> e : p.classDistribution().entrySet()) {
        ModelFile.writeText(out, e.getKey());
        out.writeDouble(e.getValue());
      }
      ModelFile.writeStrings(out, p.inputColumns());
      out.writeInt(p.trainingRows());
      ModelFile.writeText(out, p.spaceFingerprint());
      ModelFile.writeFloats(out, p.featureMean());
      ModelFile.writeFloats(out, p.featureStd());
      p.head().write(out);
      ModelFile.writeFloats(out, p.parameterValues());
      p.targetScale().write(out);
      ModelFile.writeMap(out, p.options());
      out.writeBoolean(p.columnFeatures());
      ModelFile.writeText(out, p.headTokens().name());
      TunedLayers tuned = p.tunedLayers();
      out.writeBoolean(tuned != null);
      if (tuned != null) {
        tuned.write(out);
      }
      TreeBlend blend = p.blend();
      out.writeBoolean(blend != null);
      if (blend != null) {
        blend.write(out);
      }
      GlobalImportance importance = p.globalImportance().orElse(null);
      out.writeBoolean(importance != null);
      if (importance != null) {
        importance.write(out);
      }
    });
  }

  /**
   * Loads a predictor saved by {@link #write}, in this or an older format version; corrupt
   * bytes give an UNUSABLE_DATA error. Version 1 predictors load with temperature calibration,
   * no regression intervals (NaN) and no input statistics (no range or distance warnings);
   * versions 1 and 2 hold an MLP head; versions 1 to 3 read the frozen space's outputs alone;
   * versions 1 to 4 have no trees; versions 1 to 5 no target transform; versions 5 and 6 no
   * linear model beside the trees; versions 1 to 8 no global importance; versions 1 to 9 read
   * the space's last layer's token outputs.
   */
  public static Predictor read(byte[] bytes) {
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
      PredictorHead head = version < 3 ? PredictorHead.mlp(in.readInt(), in.readInt(),
          in.readInt()) : PredictorHead.read(in);
      float[] params = ModelFile.readFloats(in);
      if (params.length != head.layout().size() || mean.length != head.inputs()
          || std.length != head.inputs()) {
        throw new IOException("weights do not match the network's shape");
      }
      TargetScale targetScale = TargetScale.read(in, version >= 6);
      Map<String, String> options = ModelFile.readMap(in);
      boolean columnFeatures = false;
      TokenOutputs headTokens = TokenOutputs.LAST_LAYER;
      TunedLayers tuned = null;
      if (version >= 4) {
        columnFeatures = in.readBoolean();
        if (version >= 10) {
          headTokens = headTokens(ModelFile.readText(in));
        }
        tuned = in.readBoolean() ? TunedLayers.read(in) : null;
      }
      TreeBlend trees = version >= 5 && in.readBoolean() ? TreeBlend.read(in, version) : null;
      GlobalImportance importance = version >= 9 && in.readBoolean()
          ? GlobalImportance.read(in) : null;
      return Predictor.builder().setTarget(task, target, kind, classes, positive)
          .setDecision(threshold, calibration, targetScale).optInterval(interval)
          .setTrainingInputs(inputStats).setMetrics(metrics).setClassDistribution(distribution)
          .setInputColumns(inputs).setTrainingRows(trainingRows).setSpaceFingerprint(fingerprint)
          .setStandardisation(mean, std).setNetwork(head, params).setOptions(options)
          .setColumnFeatures(columnFeatures).setHeadTokens(headTokens).optTuned(tuned)
          .optBlend(trees)
          .optImportance(importance).build();
    });
  }

  private static TokenOutputs headTokens(String name) throws IOException {
    for (TokenOutputs t : TokenOutputs.values()) {
      if (t != TokenOutputs.NONE && t.name().equals(name)) {
        return t;
      }
    }
    throw new IOException("unknown token outputs " + name);
  }
}
