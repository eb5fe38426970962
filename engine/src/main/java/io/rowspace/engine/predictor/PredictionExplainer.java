package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.space.EmbeddingSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Explains a {@link Predictor}'s predictions ({@code PREDICT_DETAILS}' contributions and input
 * warnings): signed per-column importance by masking, per related-table summary importance for
 * the trees and linear model, and warnings about absent, unreadable or out-of-range inputs and
 * rows far from the training rows. Prediction itself is the predictor's; this class only asks it
 * for outputs of masked variants of the rows.
 */
final class PredictionExplainer {
  private PredictionExplainer() {}

  /**
   * Explains the predictions of every row, in batches: per input column, one pass of the space
   * over all rows with that column masked (besides the target) gives its signed importance;
   * related tables count as one column each ({@code TABLE.*}). With trees or a linear model, each
   * named summary of a related table they read ({@code ORDERS.RETURNED=no.share}) also gets an
   * importance: the prediction minus the prediction with that value unknown to them (listed when
   * not zero). Costs about (input columns + 1) times a {@link Predictor#predict} call, plus a
   * pass of the head and trees per summary.
   *
   * @param p the predictor
   * @param space the space the predictor was trained on (checked by the caller)
   * @param rows the rows; input columns absent from them are treated as missing and reported
   */
  static List<Explanation> explain(Predictor p, EmbeddingSpace space, Frame rows) {
    List<Explanation> out = new ArrayList<>(rows.rowCount());
    List<String> absent = new ArrayList<>();
    for (String c : p.inputColumns) {
      if (rows.indexOf(c) < 0) {
        absent.add(c);
      }
    }
    // Related tables explain as one factor each, named TABLE.* in the importance.
    List<String> factors = new ArrayList<>(p.inputColumns);
    List<String> factorNames = new ArrayList<>(p.inputColumns);
    for (Relation relation : space.relations()) {
      factors.add(relation.name());
      factorNames.add(relation.name() + ".*");
      if (rows.related().stream().noneMatch(r -> r.relation().name().equals(relation.name()))) {
        absent.add("the rows of related table " + relation.table());
      }
    }
    Map<String, ValueKind> kinds = new LinkedHashMap<>();
    for (ColumnProfile profile : space.columns()) {
      if (p.inputColumns.contains(profile.name())) {
        kinds.put(profile.name(), profile.valueKind());
      }
    }
    for (int from = 0; from < rows.rowCount(); from += Predictor.CHUNK_ROWS) {
      int to = Math.min(rows.rowCount(), from + Predictor.CHUNK_ROWS);
      Frame chunk = Predictor.chunk(rows, from, to);
      // The space runs for the unmasked row even when the network has no share: the distance
      // warning is measured in its outputs. The masked rows only need what the blend reads.
      SpaceFeatures base = p.inputsWithSpace(space, chunk, Set.of(p.target));
      float[] baseOutputs = p.outputs(base);
      int b = chunk.rowCount();
      Prediction[] predictions = new Prediction[b];
      double[] baseScore = new double[b];
      int[] predictedClass = new int[b];
      for (int i = 0; i < b; i++) {
        predictions[i] = p.toPrediction(baseOutputs, i);
        predictedClass[i] = p.task == Task.REGRESSION ? -1
            : p.classes.indexOf(predictions[i].label());
        baseScore[i] = p.score(baseOutputs, i, predictedClass[i]);
      }
      double[][] importance = new double[b][factors.size()];
      for (int j = 0; j < factors.size(); j++) {
        SpaceFeatures masked = p.inputs(space, chunk, Set.of(p.target, factors.get(j)));
        float[] maskedOutputs = p.outputs(masked);
        for (int i = 0; i < b; i++) {
          importance[i][j] = baseScore[i] - p.score(maskedOutputs, i, predictedClass[i]);
        }
      }
      // Each named summary of a related table the p.trees and the linear model read: the
      // prediction minus the prediction with that one value unknown to them (the network still
      // sees the table), so the details name the aggregate that decides.
      List<String> summaries = p.trees == null ? List.of() : p.trees.inputs().summaryValueNames();
      int firstSummary = p.trees == null ? 0 : p.trees.inputs().firstSummaryValue();
      double[][] summaryImportance = new double[b][summaries.size()];
      for (int k = 0; k < summaries.size(); k++) {
        float[] values = base.treeValues().clone();
        int w = base.treeWidth();
        for (int i = 0; i < b; i++) {
          values[i * w + firstSummary + k] = Float.NaN;
        }
        float[] maskedOutputs = p.outputs(base.withTreeValues(values, w));
        for (int i = 0; i < b; i++) {
          summaryImportance[i][k] = baseScore[i] - p.score(maskedOutputs, i, predictedClass[i]);
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
            String w = p.trainingInputs.rangeWarning(e.getKey(),
                ValueParser.number(v, ValueKind.NUMBER));
            if (w != null) {
              warnings.add(w);
            }
          }
        }
        String far = p.trainingInputs.distanceWarning(TrainingInputs.distance(base, i));
        if (far != null) {
          warnings.add(far);
        }
        out.add(new Explanation(predictions[i], Collections.unmodifiableMap(ranked),
            List.copyOf(warnings)));
      }
    }
    return out;
  }
}
