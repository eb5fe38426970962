package io.rowspace.sql.catalog;

/** One row of {@code ROWSPACE.TRAINING_TIMELINE}: one epoch of training a space or predictor. */
public record TimelineRecord(
    int epoch,
    double learningRate,
    double trainLoss,
    double validationLoss,
    double dropout,
    double spreadLoss,
    double temperature,
    double gradNorm,
    double clippedGradNorm,
    String failures,
    String actions,
    double reconstructionLoss,
    String objectiveWeights,
    double meanCosine,
    double effectiveRank) {
}
