package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.PredictorOptions;

/**
 * What one attempt at the head trains with: the first attempt's settings, or the corrective
 * retry's (learning rate x3; for classification no class weights and plain cross-entropy).
 *
 * @param learningRateScale factor on the head's peak learning rate
 * @param classWeight per class loss weight (one unused entry for regression)
 * @param loss the loss, resolved (never auto)
 */
record AttemptSetting(double learningRateScale, float[] classWeight, PredictorOptions.Loss loss) {}
