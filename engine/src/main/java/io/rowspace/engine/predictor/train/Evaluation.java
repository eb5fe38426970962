package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.Calibration;
import io.rowspace.engine.predictor.PredictionInterval;
import io.rowspace.engine.predictor.PredictorMetrics;
import io.rowspace.engine.predictor.TreeBlend;
import io.rowspace.engine.space.EpochRecord;

import java.util.List;

/**
 * One trained head (alone, or blended), calibrated and measured on the validation rows by
 * {@link ValidationScoring}: what training compares candidates by ({@link #score}) and keeps.
 *
 * @param parameters the head's weights
 * @param calibration the calibration fitted on the validation rows' outputs
 * @param threshold the binary threshold, else NaN
 * @param interval the regression's prediction interval, else null
 * @param metrics the validation metrics
 * @param calibrationReport each calibration method's cross-fitted log loss, as text
 * @param uncalibratedEce the raw softmax's calibration error, NaN for regression
 * @param findings failure modes detected on the validation rows
 * @param score lower is better: validation log loss, or RMSE for regression
 * @param last the head's last epoch record, not yet given to the monitor
 * @param setting what the head was trained with
 * @param blend the members mixed with the network, or null
 */
record Evaluation(float[] parameters, Calibration calibration, double threshold,
    PredictionInterval interval, PredictorMetrics metrics, List<String> calibrationReport,
    double uncalibratedEce, List<FailureModes.Finding> findings, double score,
    EpochRecord last, AttemptSetting setting, TreeBlend blend) {}
