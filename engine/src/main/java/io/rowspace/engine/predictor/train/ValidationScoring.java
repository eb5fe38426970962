package io.rowspace.engine.predictor.train;

import io.rowspace.engine.predictor.Calibration;
import io.rowspace.engine.predictor.HeadNetwork;
import io.rowspace.engine.predictor.Metrics;
import io.rowspace.engine.predictor.PredictionInterval;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.PredictorMetrics;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.TargetScale;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.TreeBlend;
import io.rowspace.engine.space.EpochRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures a trained head, alone or blended, on the validation rows: calibrates its
 * probabilities ({@link Calibration#choose}), chooses the binary threshold
 * ({@link DecisionThreshold}), fits the regression's prediction interval, computes the
 * validation {@link Metrics} and detects {@link FailureModes}, into an {@link Evaluation}.
 */
final class ValidationScoring {
  private final TargetColumn target;
  private final TargetScale targetScale;
  private final PredictorOptions options;
  private final int[] validation;
  private final int fitRows;

  ValidationScoring(TargetColumn target, TargetScale targetScale, PredictorOptions options,
      int[] validation, int fitRows) {
    this.target = target;
    this.targetScale = targetScale;
    this.options = options;
    this.validation = validation;
    this.fitRows = fitRows;
  }

  /**
   * The same scoring on other rows of the target (the blend's choice on out-of-fold outputs of
   * every training row, {@link OutOfFoldMembers}).
   */
  ValidationScoring on(int[] rows) {
    return new ValidationScoring(target, targetScale, options, rows, fitRows);
  }

  /** Calibrates and measures a head with these weights on the validation rows' features. */
  Evaluation evaluate(PredictorHead head, float[] parameters, SpaceFeatures validationFeatures,
      AttemptSetting setting, EpochRecord last, TreeBlend blend) {
    return measure(outputs(head, parameters, validationFeatures, blend), head.outputs(),
        parameters, setting, last, blend);
  }

  /** The raw outputs of a head with these weights, mixed with a blend (or not), on rows. */
  float[] outputs(PredictorHead head, float[] parameters, SpaceFeatures features,
      TreeBlend blend) {
    try (HeadNetwork network = new HeadNetwork(head, parameters)) {
      return network.outputs(features, blend, target.positiveIndex());
    }
  }

  /** Calibrates and measures raw outputs ({@code k} a row) of the validation rows. */
  Evaluation measure(float[] outputs, int k, float[] parameters, AttemptSetting setting,
      EpochRecord last, TreeBlend blend) {
    if (target.task() == Task.REGRESSION) {
      double[] predicted = new double[validation.length];
      double[] actual = new double[validation.length];
      for (int i = 0; i < validation.length; i++) {
        predicted[i] = targetScale.toValue(outputs[i]);
        actual[i] = target.value()[validation[i]];
      }
      int[] all = new int[validation.length];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      PredictionInterval interval = PredictionInterval.fit(predicted, actual, all);
      PredictorMetrics metrics = Metrics.regression(predicted, actual, fitRows)
          .withIntervalCoverage(PredictionInterval.crossFittedCoverage(predicted, actual));
      return new Evaluation(parameters, Calibration.temperature(1.0, -1), Double.NaN,
          interval, metrics, List.of(), Double.NaN,
          FailureModes.regression(outputs, metrics.r2()), metrics.rmse(), last, setting, blend);
    }
    int[] truth = new int[validation.length];
    for (int i = 0; i < validation.length; i++) {
      truth[i] = target.label()[validation[i]];
    }
    int positiveIndex = target.positiveIndex();
    List<String> report = new ArrayList<>();
    Calibration calibration = Calibration.choose(outputs, truth, k, positiveIndex, report);
    double[][] probabilities = new double[truth.length][];
    for (int i = 0; i < truth.length; i++) {
      probabilities[i] = calibration.probabilities(outputs, i * k, k);
    }
    double threshold = Double.NaN;
    if (target.task() == Task.BINARY) {
      threshold = DecisionThreshold.choose(probabilities, truth, positiveIndex, options);
    }
    PredictorMetrics metrics = Metrics.classification(probabilities, truth, k, threshold,
        positiveIndex, fitRows);
    double[][] raw = new double[truth.length][];
    for (int i = 0; i < truth.length; i++) {
      raw[i] = Predictor.softmax(outputs, i * k, k, 1.0);
    }
    double uncalibratedEce = Metrics.classification(raw, truth, k, threshold, positiveIndex,
        fitRows).calibrationError();
    int[] predicted = Metrics.predictedClasses(probabilities, threshold, positiveIndex);
    List<FailureModes.Finding> findings = FailureModes.classification(outputs, truth, predicted,
        probabilities, k, metrics.auc(), target.classes());
    return new Evaluation(parameters, calibration, threshold, null, metrics, report,
        uncalibratedEce, findings, metrics.logLoss(), last, setting, blend);
  }

  /**
   * Each validation row's loss under an evaluation of these outputs: the log loss of the
   * calibrated probability of its class, or the squared error of its value (regression).
   */
  double[] rowLosses(Evaluation evaluation, float[] outputs, int k) {
    double[] losses = new double[validation.length];
    for (int i = 0; i < validation.length; i++) {
      if (target.task() == Task.REGRESSION) {
        double error = targetScale.toValue(outputs[i]) - target.value()[validation[i]];
        losses[i] = error * error;
      } else {
        double p = evaluation.calibration().probabilities(outputs, i * k, k)[
            target.label()[validation[i]]];
        losses[i] = -Math.log(Math.max(1e-15, p));
      }
    }
    return losses;
  }
}
