package io.rowspace.engine.predictor;

import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Predictions of rows whose true target is known, measured the way training measured the
 * predictor's validation rows ({@link PredictorMetrics}: the same AUC, F1, log loss, calibration
 * error, RMSE, MAE and R²), plus the curves a user reads next to them: the confusion matrix, the
 * ROC curve and the calibration curve. A row whose true class the predictor never saw counts in
 * {@link #unknownLabels()} and is left out of the figures (no probability was ever given to it).
 */
public final class LabelledPredictions {
  /** Bins of the calibration curve, as of the calibration error. */
  static final int CALIBRATION_BINS = 10;

  private final Task task;
  private final List<String> classes;
  private final int positive;
  private final double threshold;
  private final int trainRows;
  private final double[][] probabilities;
  private final int[] truth;
  private final double[] predicted;
  private final double[] actual;
  private final double[] lower;
  private final double[] upper;
  private final Map<String, Integer> unknownLabels;

  private LabelledPredictions(Task task, List<String> classes, int positive, double threshold,
      int trainRows, double[][] probabilities, int[] truth, double[] predicted, double[] actual,
      double[] lower, double[] upper, Map<String, Integer> unknownLabels) {
    this.task = task;
    this.classes = classes;
    this.positive = positive;
    this.threshold = threshold;
    this.trainRows = trainRows;
    this.probabilities = probabilities;
    this.truth = truth;
    this.predicted = predicted;
    this.actual = actual;
    this.lower = lower;
    this.upper = upper;
    this.unknownLabels = unknownLabels;
  }

  /**
   * Pairs a predictor's predictions with the rows' true target values.
   *
   * @param predictor the predictor that made the predictions (its task, classes and threshold)
   * @param predictions one per row
   * @param targets the rows' target values as read from the database; none may be missing
   */
  public static LabelledPredictions of(Predictor predictor, List<Prediction> predictions,
      List<Object> targets) {
    return of(predictor, predictor.threshold(), predictions, targets);
  }

  /**
   * Pairs predictions of another model of the predictor's target (a baseline) with the rows'
   * true values; {@code threshold} is that model's binary threshold.
   */
  public static LabelledPredictions of(Predictor predictor, double threshold,
      List<Prediction> predictions, List<Object> targets) {
    return of(predictor.task(), predictor.classes(), predictor.positiveLabel(), threshold,
        predictor.targetKind, predictor.trainingRows(), predictions, targets);
  }

  static LabelledPredictions of(Task task, List<String> classes, String positiveLabel,
      double threshold, ValueKind kind, int trainRows, List<Prediction> predictions,
      List<Object> targets) {
    if (predictions.size() != targets.size()) {
      throw new IllegalArgumentException(predictions.size() + " predictions for "
          + targets.size() + " target values");
    }
    int n = predictions.size();
    Map<String, Integer> unknown = new TreeMap<>();
    if (task == Task.REGRESSION) {
      double[] predicted = new double[n];
      double[] actual = new double[n];
      double[] lower = new double[n];
      double[] upper = new double[n];
      int kept = 0;
      for (int i = 0; i < n; i++) {
        String key = ValueParser.key(targets.get(i), kind);
        if (key == null) {
          unknown.merge(String.valueOf(targets.get(i)), 1, Integer::sum);
          continue;
        }
        Prediction p = predictions.get(i);
        predicted[kept] = p.value();
        actual[kept] = new BigDecimal(key).doubleValue();
        lower[kept] = p.lower();
        upper[kept] = p.upper();
        kept++;
      }
      return new LabelledPredictions(task, classes, -1, Double.NaN, trainRows, new double[0][],
          new int[0], Arrays.copyOf(predicted, kept), Arrays.copyOf(actual, kept),
          Arrays.copyOf(lower, kept), Arrays.copyOf(upper, kept), unknown);
    }
    int k = classes.size();
    List<double[]> probabilities = new ArrayList<>(n);
    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      Object target = targets.get(i);
      String key = ValueParser.key(target, kind);
      int index = key == null ? -1 : classes.indexOf(key);
      if (index < 0) {
        unknown.merge(key == null ? String.valueOf(target) : key, 1, Integer::sum);
        continue;
      }
      double[] p = new double[k];
      Map<String, Double> given = predictions.get(i).probabilities();
      for (int j = 0; j < k; j++) {
        p[j] = given.getOrDefault(classes.get(j), 0.0);
      }
      truth[probabilities.size()] = index;
      probabilities.add(p);
    }
    return new LabelledPredictions(task, classes,
        task == Task.BINARY ? classes.indexOf(positiveLabel) : -1, threshold, trainRows,
        probabilities.toArray(new double[0][]), Arrays.copyOf(truth, probabilities.size()),
        new double[0], new double[0], new double[0], new double[0], unknown);
  }

  public Task task() {
    return task;
  }

  /** Rows measured (those whose true class the predictor knows). */
  public int rows() {
    return task == Task.REGRESSION ? actual.length : truth.length;
  }

  /** True values the predictor cannot score (classes it never saw, unreadable numbers), counted. */
  public Map<String, Integer> unknownLabels() {
    return unknownLabels;
  }

  /**
   * The figures of {@link PredictorMetrics}, defined as at training; {@code validationRows} is
   * the number of rows measured and {@code trainRows} the predictor's training rows. Regression's
   * interval coverage is the share of rows inside their 90% interval (NaN when the predictor has
   * no intervals).
   */
  public PredictorMetrics metrics() {
    if (rows() == 0) {
      throw new IllegalStateException("no labelled rows to measure");
    }
    if (task == Task.REGRESSION) {
      PredictorMetrics m = Metrics.regression(predicted, actual, trainRows);
      int inside = 0;
      int withInterval = 0;
      for (int i = 0; i < actual.length; i++) {
        if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
          withInterval++;
          if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
            inside++;
          }
        }
      }
      return m.withIntervalCoverage(withInterval == 0 ? Double.NaN
          : inside / (double) withInterval);
    }
    return Metrics.classification(probabilities, truth, classes.size(),
        threshold, positive, trainRows);
  }

  /** One cell of the confusion matrix. */
  public record ConfusionCell(String actual, String predicted, long count) {}

  /**
   * Every (true class, predicted class) pair, true class first in the predictor's class order,
   * zero counts included; the predicted class is the one {@code PREDICT} returns (the binary
   * threshold applies).
   */
  public List<ConfusionCell> confusionMatrix() {
    requireClasses("a confusion matrix");
    int k = classes.size();
    long[][] counts = new long[k][k];
    int[] predictedClass = Metrics.predictedClasses(probabilities, threshold, positive);
    for (int i = 0; i < truth.length; i++) {
      counts[truth[i]][predictedClass[i]]++;
    }
    List<ConfusionCell> cells = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int p = 0; p < k; p++) {
        cells.add(new ConfusionCell(classes.get(a), classes.get(p), counts[a][p]));
      }
    }
    return cells;
  }

  /** One point of a ROC curve: rows scoring at least {@code threshold} count as the class. */
  public record RocPoint(String label, double threshold, double truePositiveRate,
      double falsePositiveRate) {}

  /**
   * The ROC curve of the positive class (binary) or of each class against the others
   * (multiclass): one point per distinct probability, highest first, after a first point at
   * threshold +infinity (nothing counted as the class, rates 0). Its trapezoid area is the AUC.
   */
  public List<RocPoint> rocCurve() {
    requireClasses("a ROC curve");
    List<RocPoint> points = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      if (positive >= 0 && c != positive) {
        continue;
      }
      int n = truth.length;
      Integer[] order = new Integer[n];
      long positives = 0;
      for (int i = 0; i < n; i++) {
        order[i] = i;
        if (truth[i] == c) {
          positives++;
        }
      }
      long negatives = n - positives;
      final int cls = c;
      Arrays.sort(order, (x, y) -> Double.compare(probabilities[y][cls], probabilities[x][cls]));
      points.add(new RocPoint(classes.get(c), Double.POSITIVE_INFINITY, 0, 0));
      long tp = 0;
      long fp = 0;
      int i = 0;
      while (i < n) {
        double score = probabilities[order[i]][c];
        while (i < n && probabilities[order[i]][c] == score) {
          if (truth[order[i]] == c) {
            tp++;
          } else {
            fp++;
          }
          i++;
        }
        points.add(new RocPoint(classes.get(c), score,
            positives == 0 ? Double.NaN : tp / (double) positives,
            negatives == 0 ? Double.NaN : fp / (double) negatives));
      }
    }
    return points;
  }

  /** One bin of the calibration curve. */
  public record CalibrationBin(int bin, double meanPredicted, double observedRate, long count) {}

  /**
   * The calibration curve over {@value #CALIBRATION_BINS} equal-width bins of probability, empty
   * bins left out. Binary: the positive class's probability against the share of rows that are
   * positive; multiclass: the predicted class's probability (the confidence) against the share
   * predicted right, the bins of the calibration error.
   */
  public List<CalibrationBin> calibrationCurve() {
    requireClasses("a calibration curve");
    double[] sum = new double[CALIBRATION_BINS];
    long[] hits = new long[CALIBRATION_BINS];
    long[] count = new long[CALIBRATION_BINS];
    for (int i = 0; i < truth.length; i++) {
      double[] p = probabilities[i];
      double score;
      boolean hit;
      if (positive >= 0) {
        score = p[positive];
        hit = truth[i] == positive;
      } else {
        int top = 0;
        for (int j = 1; j < p.length; j++) {
          if (p[j] > p[top]) {
            top = j;
          }
        }
        score = p[top];
        hit = truth[i] == top;
      }
      int b = Math.min(CALIBRATION_BINS - 1, (int) (score * CALIBRATION_BINS));
      sum[b] += score;
      hits[b] += hit ? 1 : 0;
      count[b]++;
    }
    List<CalibrationBin> bins = new ArrayList<>();
    for (int b = 0; b < CALIBRATION_BINS; b++) {
      if (count[b] > 0) {
        bins.add(new CalibrationBin(b + 1, sum[b] / count[b], hits[b] / (double) count[b],
            count[b]));
      }
    }
    return bins;
  }

  private void requireClasses(String what) {
    if (task == Task.REGRESSION) {
      throw new IllegalStateException(what + " needs a classification predictor");
    }
  }
}
