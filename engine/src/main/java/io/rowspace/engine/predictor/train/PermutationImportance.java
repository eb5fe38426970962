package io.rowspace.engine.predictor.train;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.RowOrder;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.trees.TreeBooster;
import io.rowspace.engine.predictor.GlobalImportance;
import io.rowspace.engine.predictor.LabelledPredictions;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorMetrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Measures {@link GlobalImportance}: for each input column (and each related table, and each
 * named summary of one that the trees and the linear model read), its values (a related table:
 * each row's related rows) are shuffled among the validation rows
 * {@link #REPEATS} times with a generator seeded from the predictor's seed, the rows predicted
 * in batches, and the validation metric's drop averaged; its standard deviation over the repeats
 * is the spread. Costs {@code REPEATS x (inputs + 1)} batched predictions of at most
 * {@link #MAX_ROWS} rows. Deterministic: same predictor, rows and seed give the same figures.
 */
final class PermutationImportance {
  /** Validation rows measured: a seeded sample of them beyond this. */
  static final int MAX_ROWS = 1000;
  static final int REPEATS = 3;

  private PermutationImportance() {
  }

  static GlobalImportance measure(Predictor predictor, EmbeddingSpace space, Frame data,
      int[] validation, long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    int[] sample = TreeBooster.sortedSample(validation, MAX_ROWS, random);
    Frame rows = data.rows(sample);
    int targetColumn = rows.indexOf(predictor.target());
    List<Object> targets = Arrays.asList(rows.column(targetColumn));
    double baseline = metric(predictor, space, rows, targets);
    String metric = predictor.metrics().metric();
    boolean lowerIsBetter = metric.equals("rmse");
    List<GlobalImportance.Entry> entries = new ArrayList<>();
    for (String column : predictor.inputColumns()) {
      int c = rows.indexOf(column);
      if (c < 0) {
        continue;
      }
      double[] drops = new double[REPEATS];
      for (int r = 0; r < REPEATS; r++) {
        Frame shuffled = withColumn(rows, c, permuted(rows.column(c), random));
        double m = metric(predictor, space, shuffled, targets);
        drops[r] = lowerIsBetter ? m - baseline : baseline - m;
      }
      entries.add(entry(column, "column", drops));
    }
    for (RelatedRows related : rows.related()) {
      Relation relation = related.relation();
      double[] drops = new double[REPEATS];
      for (int r = 0; r < REPEATS; r++) {
        int[] order = permutation(rows.rowCount(), random);
        List<RelatedRows> changed = new ArrayList<>();
        for (RelatedRows other : rows.related()) {
          changed.add(other == related ? other.select(order) : other);
        }
        double m = metric(predictor, space, rows.withRelated(changed), targets);
        drops[r] = lowerIsBetter ? m - baseline : baseline - m;
      }
      entries.add(entry(relation.name() + ".*", "related table", drops));
    }
    entries.addAll(summaries(predictor, space, rows, targets, baseline, lowerIsBetter, random));
    entries.sort(Comparator.comparingDouble(GlobalImportance.Entry::importance).reversed());
    return new GlobalImportance(metric, baseline, rows.rowCount(), REPEATS, entries);
  }

  /**
   * One entry per named summary of a related table the trees and the linear model read
   * ({@code ORDERS.RETURNED=yes.share}), kind {@code related summary}: its values shuffled among
   * the rows with the space's view of the rows unchanged, so the drop is what the summary adds
   * beside the network; none without trees or a linear model.
   */
  private static List<GlobalImportance.Entry> summaries(Predictor predictor, EmbeddingSpace space,
      Frame rows, List<Object> targets, double baseline, boolean lowerIsBetter, Random random) {
    List<String> names = predictor.summaryNames();
    if (names.isEmpty()) {
      return List.of();
    }
    int[] summaries = new int[names.size() * REPEATS];
    List<int[]> orders = new ArrayList<>(summaries.length);
    for (int k = 0; k < names.size(); k++) {
      for (int r = 0; r < REPEATS; r++) {
        summaries[k * REPEATS + r] = k;
        orders.add(permutation(rows.rowCount(), random));
      }
    }
    List<List<Prediction>> moved = predictor.predictWithSummariesMoved(space, rows, summaries,
        orders);
    List<GlobalImportance.Entry> entries = new ArrayList<>(names.size());
    for (int k = 0; k < names.size(); k++) {
      double[] drops = new double[REPEATS];
      for (int r = 0; r < REPEATS; r++) {
        double m = metric(predictor, moved.get(k * REPEATS + r), targets);
        drops[r] = lowerIsBetter ? m - baseline : baseline - m;
      }
      entries.add(entry(names.get(k), "related summary", drops));
    }
    return entries;
  }

  private static double metric(Predictor predictor, EmbeddingSpace space, Frame rows,
      List<Object> targets) {
    return metric(predictor, predictor.predict(space, rows), targets);
  }

  private static double metric(Predictor predictor, List<Prediction> predictions,
      List<Object> targets) {
    PredictorMetrics m = LabelledPredictions.of(predictor, predictions, targets).metrics();
    return switch (m.metric()) {
      case "auc" -> m.auc();
      case "accuracy" -> m.accuracy();
      default -> m.rmse();
    };
  }

  private static GlobalImportance.Entry entry(String feature, String kind, double[] drops) {
    double mean = Arrays.stream(drops).average().orElse(0);
    double squares = 0;
    for (double d : drops) {
      squares += (d - mean) * (d - mean);
    }
    return new GlobalImportance.Entry(feature, kind, mean,
        Math.sqrt(squares / Math.max(1, drops.length - 1)));
  }

  private static Frame withColumn(Frame rows, int column, Object[] values) {
    List<Object[]> columns = new ArrayList<>(rows.columnCount());
    for (int c = 0; c < rows.columnCount(); c++) {
      columns.add(c == column ? values : rows.column(c));
    }
    Frame frame = new Frame(rows.columns(), columns);
    return rows.related().isEmpty() ? frame : frame.withRelated(rows.related());
  }

  private static Object[] permuted(Object[] values, Random random) {
    int[] order = permutation(values.length, random);
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  private static int[] permutation(int n, Random random) {
    return RowOrder.shuffled(n, random);
  }
}
