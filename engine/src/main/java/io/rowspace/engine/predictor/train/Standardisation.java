package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.SpaceFeatures;

/**
 * Per network input, the mean and standard deviation (at least 1e-3) of the fitting rows, which
 * every row's features are standardised with, in training and in inference.
 *
 * @param mean per input, its mean
 * @param std per input, its standard deviation
 */
record Standardisation(float[] mean, float[] std) {

  /** The moments of the features of the given rows. */
  static Standardisation of(SpaceFeatures f, int[] rows) {
    int w = f.width();
    float[] mean = new float[w];
    float[] std = new float[w];
    double[] s = new double[w];
    double[] s2 = new double[w];
    for (int r : rows) {
      for (int j = 0; j < w; j++) {
        double v = f.values()[r * w + j];
        s[j] += v;
        s2[j] += v * v;
      }
    }
    for (int j = 0; j < w; j++) {
      double m = s[j] / rows.length;
      double var = Math.max(0, s2[j] / rows.length - m * m);
      mean[j] = (float) m;
      std[j] = (float) Math.max(1e-3, Math.sqrt(var));
    }
    return new Standardisation(mean, std);
  }

  /** Standardises the features in place. */
  void apply(SpaceFeatures f) {
    f.standardise(mean, std);
  }
}
