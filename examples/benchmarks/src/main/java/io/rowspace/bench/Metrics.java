package io.rowspace.bench;

import io.rowspace.testsupport.RocAuc;

/** The held-out metrics the benchmark reports, computed the same way for every model. */
final class Metrics {
  private Metrics() {
  }

  /**
   * The area under the ROC curve: the chance that a random positive row scores higher than a
   * random negative one, ties counting half (Mann-Whitney, from average ranks). NaN when either
   * class is absent.
   */
  static double areaUnderCurve(double[] scores, boolean[] positive) {
    checkLengths(scores.length, positive.length);
    int positives = 0;
    for (boolean p : positive) {
      positives += p ? 1 : 0;
    }
    return positives == 0 || positives == positive.length ? Double.NaN
        : RocAuc.of(scores, positive);
  }


  /** The share of rows whose predicted label equals the actual one. NaN without rows. */
  static double accuracy(String[] predicted, String[] actual) {
    checkLengths(predicted.length, actual.length);
    if (actual.length == 0) {
      return Double.NaN;
    }
    long correct = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] != null && actual[i].equals(predicted[i])) {
        correct++;
      }
    }
    return (double) correct / actual.length;
  }

  /** The root mean squared error of {@code predicted} against {@code actual}. */
  static double rootMeanSquaredError(double[] predicted, double[] actual) {
    checkLengths(predicted.length, actual.length);
    if (actual.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = predicted[i] - actual[i];
      sum += error * error;
    }
    return Math.sqrt(sum / actual.length);
  }

  /**
   * The expected calibration error of probabilities for an event over {@code bins} equal-width
   * bins of probability: the row-weighted mean, over bins, of the gap between the mean probability
   * and the observed frequency of the event. For a binary target pass the probability of the
   * positive class and whether each row is positive; for top-label calibration pass the
   * probability of the predicted label and whether it was right.
   */
  static double expectedCalibrationError(double[] probabilities, boolean[] happened, int bins) {
    checkLengths(probabilities.length, happened.length);
    if (probabilities.length == 0) {
      return Double.NaN;
    }
    double[] probabilitySum = new double[bins];
    double[] eventCount = new double[bins];
    long[] count = new long[bins];
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      int bin = Math.min(bins - 1, Math.max(0, (int) (p * bins)));
      probabilitySum[bin] += p;
      eventCount[bin] += happened[i] ? 1 : 0;
      count[bin]++;
    }
    double error = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        error += Math.abs(probabilitySum[b] - eventCount[b]) / probabilities.length;
      }
    }
    return error;
  }

  private static void checkLengths(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("Predictions (" + a + ") and outcomes (" + b
          + ") differ in number");
    }
  }
}
