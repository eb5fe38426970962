package io.rowspace.engine.predictor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A regression predictor's 90% prediction interval, by split-conformal prediction on validation
 * residuals, scaled by the predicted value: the expected absolute error is modelled as
 * {@code max(floor, a + b * prediction)} (least squares on the validation rows' absolute
 * residuals, so errors that grow with the value, as prices do, give wider intervals for larger
 * values), and the interval is {@code prediction ± q * scale}, with {@code q} the conformal
 * quantile of the validation rows' scaled residuals. Immutable.
 */
public final class PredictionInterval {
  static final double LEVEL = 0.9;

  final double intercept;
  final double slope;
  final double floor;
  /** Conformal quantile of |residual| / scale. */
  final double quantile;
  /** Root mean square of |residual| / scale: the standard deviation in units of the scale. */
  final double rms;

  PredictionInterval(double intercept, double slope, double floor, double quantile, double rms) {
    this.intercept = intercept;
    this.slope = slope;
    this.floor = floor;
    this.quantile = quantile;
    this.rms = rms;
  }

  double scale(double predicted) {
    return Math.max(floor, intercept + slope * predicted);
  }

  double lower(double predicted) {
    return predicted - quantile * scale(predicted);
  }

  double upper(double predicted) {
    return predicted + quantile * scale(predicted);
  }

  double std(double predicted) {
    return rms * scale(predicted);
  }

  /** Fits on the rows {@code rows} of predicted and actual values. */
  public static PredictionInterval fit(double[] predicted, double[] actual, int[] rows) {
    int n = rows.length;
    double sx = 0;
    double sy = 0;
    for (int i : rows) {
      sx += predicted[i];
      sy += Math.abs(actual[i] - predicted[i]);
    }
    double mx = sx / n;
    double my = sy / n;
    double sxy = 0;
    double sxx = 0;
    for (int i : rows) {
      sxy += (predicted[i] - mx) * (Math.abs(actual[i] - predicted[i]) - my);
      sxx += (predicted[i] - mx) * (predicted[i] - mx);
    }
    double slope = sxx > 0 ? sxy / sxx : 0;
    double intercept = my - slope * mx;
    double floor = Math.max(1e-12, 0.2 * my);
    PredictionInterval unit = new PredictionInterval(intercept, slope, floor, 1, 1);
    double[] scores = new double[n];
    double squares = 0;
    for (int j = 0; j < n; j++) {
      int i = rows[j];
      scores[j] = Math.abs(actual[i] - predicted[i]) / unit.scale(predicted[i]);
      squares += scores[j] * scores[j];
    }
    Arrays.sort(scores);
    int rank = (int) Math.ceil((n + 1) * LEVEL);
    double q = scores[Math.min(n, Math.max(1, rank)) - 1];
    return new PredictionInterval(intercept, slope, floor, q, Math.sqrt(squares / n));
  }

  /**
   * Share of rows inside their interval when each half of the rows is scored with the interval
   * fitted on the other half.
   */
  public static double crossFittedCoverage(double[] predicted, double[] actual) {
    int n = predicted.length;
    int[][] halves = {new int[(n + 1) / 2], new int[n / 2]};
    for (int i = 0; i < n; i++) {
      halves[i % 2][i / 2] = i;
    }
    if (halves[1].length == 0) {
      return Double.NaN;
    }
    int covered = 0;
    for (int h = 0; h < 2; h++) {
      PredictionInterval interval = fit(predicted, actual, halves[h]);
      for (int i : halves[1 - h]) {
        if (actual[i] >= interval.lower(predicted[i]) && actual[i] <= interval.upper(predicted[i])) {
          covered++;
        }
      }
    }
    return covered / (double) n;
  }

  public void write(DataOutput out) throws IOException {
    out.writeDouble(intercept);
    out.writeDouble(slope);
    out.writeDouble(floor);
    out.writeDouble(quantile);
    out.writeDouble(rms);
  }

  public static PredictionInterval read(DataInput in) throws IOException {
    return new PredictionInterval(in.readDouble(), in.readDouble(), in.readDouble(),
        in.readDouble(), in.readDouble());
  }
}
