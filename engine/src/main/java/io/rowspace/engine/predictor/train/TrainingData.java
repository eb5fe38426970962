package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.Task;

/**
 * What a head trains on: the standardised features of every row with a target value, the
 * value each row teaches the network (class index, or the value on the model's scale) and the
 * split into fitting and validation rows.
 *
 * @param task the task
 * @param features the network's standardised inputs, every row
 * @param targetValues per row, what the network learns
 * @param fit the fitting rows
 * @param validation the validation rows
 */
record TrainingData(Task task, SpaceFeatures features, float[] targetValues, int[] fit,
    int[] validation) {

  /** The validation rows' target values. */
  float[] validationTargets() {
    return targets(validation);
  }

  /** The given rows' target values. */
  float[] targets(int[] rows) {
    float[] t = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      t[i] = targetValues[rows[i]];
    }
    return t;
  }
}
