package io.rowspace.engine.predictor;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a predictor turns its network's logits into probabilities: temperature scaling (any number
 * of classes), Platt scaling or isotonic regression (binary, on the positive class's logit
 * margin). Fitted on validation rows by {@link #choose}; immutable.
 */
public final class Calibration {
  /** Probabilities from isotonic regression are kept this far from 0 and 1. */
  static final double ISOTONIC_FLOOR = 1e-3;

  static final String TEMPERATURE = "temperature";
  static final String PLATT = "platt";
  static final String ISOTONIC = "isotonic";

  final String method;
  final double temperature;
  final double plattSlope;
  final double plattIntercept;
  /** Isotonic knots: ascending margins and the probabilities there (interpolated linearly). */
  final double[] knotMargin;
  final double[] knotProbability;
  /** Index of the positive class (binary), or -1. */
  final int positive;

  private Calibration(String method, double temperature, double plattSlope,
      double plattIntercept, double[] knotMargin, double[] knotProbability, int positive) {
    this.method = method;
    this.temperature = temperature;
    this.plattSlope = plattSlope;
    this.plattIntercept = plattIntercept;
    this.knotMargin = knotMargin;
    this.knotProbability = knotProbability;
    this.positive = positive;
  }

  public static Calibration temperature(double t, int positive) {
    return new Calibration(TEMPERATURE, t, Double.NaN, Double.NaN, new double[0], new double[0],
        positive);
  }

  /** temperature, platt or isotonic: how this calibration maps logits to probabilities. */
  public String method() {
    return method;
  }

  /** The softmax temperature of method temperature; 1 otherwise. */
  public double softmaxTemperature() {
    return temperature;
  }

  /** Class probabilities of one row of logits. */
  public double[] probabilities(float[] logits, int offset, int k) {
    if (method.equals(TEMPERATURE) || positive < 0) {
      return Predictor.softmax(logits, offset, k, temperature);
    }
    double margin = logits[offset + positive] - logits[offset + 1 - positive];
    double p = method.equals(PLATT) ? sigmoid(plattSlope * margin + plattIntercept)
        : isotonic(margin);
    double[] out = new double[2];
    out[positive] = p;
    out[1 - positive] = 1 - p;
    return out;
  }

  private double isotonic(double margin) {
    int n = knotMargin.length;
    if (margin <= knotMargin[0]) {
      return knotProbability[0];
    }
    if (margin >= knotMargin[n - 1]) {
      return knotProbability[n - 1];
    }
    int i = Arrays.binarySearch(knotMargin, margin);
    if (i >= 0) {
      return knotProbability[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double w = (margin - knotMargin[lo]) / (knotMargin[hi] - knotMargin[lo]);
    return knotProbability[lo] + w * (knotProbability[hi] - knotProbability[lo]);
  }

  /**
   * Fits the candidate calibrations on validation rows and keeps the one with the lowest
   * cross-fitted log loss: each candidate is fitted on one half of the rows and scored on the
   * other, both ways, so that isotonic regression's flexibility is not rewarded for memorising
   * the rows it was fitted on. The winner is then refitted on all the rows. Multiclass predictors
   * use temperature scaling only (Platt and isotonic are defined here for two classes). The raw
   * probabilities themselves (temperature 1, nothing fitted, so their loss on all rows is already
   * a fair estimate) are kept when no fitted candidate beats them: a model whose outputs are
   * calibrated already is not made worse by a calibration fitted to noise.
   *
   * @param logits validation logits, row-major (rows x k)
   * @param truth true class index of each row
   * @param positive index of the positive class (binary), or -1
   * @param report receives one line per candidate with its cross-fitted log loss
   */
  public static Calibration choose(float[] logits, int[] truth, int k, int positive,
      List<String> report) {
    List<String> methods = positive >= 0 ? List.of(TEMPERATURE, PLATT, ISOTONIC)
        : List.of(TEMPERATURE);
    int n = truth.length;
    int[][] folds = folds(truth);
    String best = TEMPERATURE;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (String method : methods) {
      double loss = 0;
      boolean usable = true;
      for (int f = 0; f < 2 && usable; f++) {
        int[] fitRows = folds[f];
        int[] scoreRows = folds[1 - f];
        if (fitRows.length == 0 || scoreRows.length == 0) {
          usable = false;
          break;
        }
        Calibration c = fit(method, logits, truth, k, positive, fitRows);
        loss += logLoss(c, logits, truth, k, scoreRows);
      }
      double mean = usable ? loss / n : Double.NaN;
      report.add(method + "=" + String.format(java.util.Locale.ROOT, "%.5f", mean));
      if (usable && mean < bestLoss - 1e-9) {
        bestLoss = mean;
        best = method;
      }
    }
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Calibration identity = temperature(1.0, positive);
    double identityLoss = logLoss(identity, logits, truth, k, all) / n;
    report.add("none=" + String.format(java.util.Locale.ROOT, "%.5f", identityLoss));
    if (!(identityLoss > bestLoss)) {
      return identity;
    }
    return fit(best, logits, truth, k, positive, all);
  }

  /** Two folds, stratified by class, assigned by alternating rows (deterministic). */
  private static int[][] folds(int[] truth) {
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    int max = Arrays.stream(truth).max().orElse(0);
    int[] seen = new int[max + 1];
    for (int i = 0; i < truth.length; i++) {
      (seen[truth[i]]++ % 2 == 0 ? a : b).add(i);
    }
    return new int[][] {
      a.stream().mapToInt(Integer::intValue).toArray(),
      b.stream().mapToInt(Integer::intValue).toArray()
    };
  }

  static double logLoss(Calibration c, float[] logits, int[] truth, int k, int[] rows) {
    double loss = 0;
    for (int i : rows) {
      loss -= Math.log(Math.max(1e-12, c.probabilities(logits, i * k, k)[truth[i]]));
    }
    return loss;
  }

  static Calibration fit(String method, float[] logits, int[] truth, int k, int positive,
      int[] rows) {
    switch (method) {
      case PLATT:
        return fitPlatt(logits, truth, positive, rows);
      case ISOTONIC:
        return fitIsotonic(logits, truth, positive, rows);
      default:
        return fitTemperature(logits, truth, k, positive, rows);
    }
  }

  /** Temperature in [0.05, 20] (log-spaced grid) minimising log loss. */
  private static Calibration fitTemperature(float[] logits, int[] truth, int k, int positive,
      int[] rows) {
    double best = 1.0;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (int g = 0; g <= 200; g++) {
      double t = 0.05 * Math.pow(400, g / 200.0);
      double loss = logLoss(temperature(t, positive), logits, truth, k, rows);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = t;
      }
    }
    return temperature(best, positive);
  }

  /** Platt scaling: sigmoid(a * margin + b), fitted by Newton's method on the log loss. */
  private static Calibration fitPlatt(float[] logits, int[] truth, int positive, int[] rows) {
    double a = 1;
    double b = 0;
    for (int iteration = 0; iteration < 50; iteration++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-6;
      double hab = 0;
      double hbb = 1e-6;
      for (int i : rows) {
        double m = margin(logits, i, positive);
        double p = sigmoid(a * m + b);
        double y = truth[i] == positive ? 1 : 0;
        double w = Math.max(1e-12, p * (1 - p));
        ga += (p - y) * m;
        gb += p - y;
        haa += w * m * m;
        hab += w * m;
        hbb += w;
      }
      double det = haa * hbb - hab * hab;
      if (!(Math.abs(det) > 1e-18)) {
        break;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      double step = 1;
      double before = plattLoss(logits, truth, positive, rows, a, b);
      while (step > 1e-4 && plattLoss(logits, truth, positive, rows, a - step * da,
          b - step * db) > before) {
        step /= 2;
      }
      a -= step * da;
      b -= step * db;
      if (Math.abs(step * da) + Math.abs(step * db) < 1e-9) {
        break;
      }
    }
    return new Calibration(PLATT, 1.0, a, b, new double[0], new double[0], positive);
  }

  private static double plattLoss(float[] logits, int[] truth, int positive, int[] rows,
      double a, double b) {
    double loss = 0;
    for (int i : rows) {
      double p = sigmoid(a * margin(logits, i, positive) + b);
      loss -= Math.log(Math.max(1e-12, truth[i] == positive ? p : 1 - p));
    }
    return loss;
  }

  /**
   * Isotonic regression of the positive label on the margin (pool adjacent violators); knots at
   * each pooled block's mean margin.
   */
  private static Calibration fitIsotonic(float[] logits, int[] truth, int positive, int[] rows) {
    int n = rows.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[] m = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = margin(logits, rows[i], positive);
      y[i] = truth[rows[i]] == positive ? 1 : 0;
    }
    Arrays.sort(order, (p, q) -> p.equals(q) ? 0 : m[p] != m[q] ? Double.compare(m[p], m[q])
        : Integer.compare(p, q));
    double[] sumY = new double[n];
    double[] sumM = new double[n];
    int[] count = new int[n];
    int blocks = 0;
    for (int idx = 0; idx < n; idx++) {
      int i = order[idx];
      sumY[blocks] = y[i];
      sumM[blocks] = m[i];
      count[blocks] = 1;
      blocks++;
      while (blocks > 1 && sumY[blocks - 2] / count[blocks - 2]
          >= sumY[blocks - 1] / count[blocks - 1]) {
        sumY[blocks - 2] += sumY[blocks - 1];
        sumM[blocks - 2] += sumM[blocks - 1];
        count[blocks - 2] += count[blocks - 1];
        blocks--;
      }
    }
    double[] knotM = new double[blocks];
    double[] knotP = new double[blocks];
    for (int j = 0; j < blocks; j++) {
      knotM[j] = sumM[j] / count[j];
      knotP[j] = Math.min(1 - ISOTONIC_FLOOR, Math.max(ISOTONIC_FLOOR, sumY[j] / count[j]));
    }
    // Pooling ties can leave equal knot margins; merge them so interpolation is well defined.
    int kept = 0;
    for (int j = 0; j < blocks; j++) {
      if (kept > 0 && knotM[j] <= knotM[kept - 1]) {
        knotP[kept - 1] = Math.max(knotP[kept - 1], knotP[j]);
        continue;
      }
      knotM[kept] = knotM[j];
      knotP[kept] = knotP[j];
      kept++;
    }
    return new Calibration(ISOTONIC, 1.0, Double.NaN, Double.NaN, Arrays.copyOf(knotM, kept),
        Arrays.copyOf(knotP, kept), positive);
  }

  private static double margin(float[] logits, int row, int positive) {
    return logits[row * 2 + positive] - logits[row * 2 + 1 - positive];
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  public void write(DataOutput out) throws IOException {
    ModelFile.writeText(out, method);
    out.writeDouble(temperature);
    out.writeDouble(plattSlope);
    out.writeDouble(plattIntercept);
    out.writeInt(positive);
    out.writeInt(knotMargin.length);
    for (int i = 0; i < knotMargin.length; i++) {
      out.writeDouble(knotMargin[i]);
      out.writeDouble(knotProbability[i]);
    }
  }

  public static Calibration read(DataInput in) throws IOException {
    String method = ModelFile.readText(in);
    if (!List.of(TEMPERATURE, PLATT, ISOTONIC).contains(method)) {
      throw new IOException("unknown calibration method '" + method + "'");
    }
    double t = in.readDouble();
    double a = in.readDouble();
    double b = in.readDouble();
    int positive = in.readInt();
    int n = in.readInt();
    if (n < 0 || n > 10_000_000 || (method.equals(ISOTONIC) && n == 0)) {
      throw new IOException("invalid isotonic knot count " + n);
    }
    double[] m = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = in.readDouble();
      p[i] = in.readDouble();
    }
    return new Calibration(method, t, a, b, m, p, positive);
  }
}
