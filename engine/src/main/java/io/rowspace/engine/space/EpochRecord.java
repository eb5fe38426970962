package io.rowspace.engine.space;

/**
 * One epoch of training, as recorded in the training timeline.
 *
 * @param epoch 1-based epoch number
 * @param learningRate learning rate at the end of the epoch
 * @param trainLoss mean training loss over the epoch's batches
 * @param validationLoss loss on the validation rows after the epoch (NaN without validation rows)
 * @param dropout dropout rate in use
 * @param spreadLoss mean spread (uniformity) loss; more negative means better spread embeddings
 * @param temperature contrastive temperature in use
 * @param gradNorm mean global gradient norm before clipping
 * @param clippedGradNorm mean global gradient norm after clipping
 * @param failures failure modes detected in this epoch, comma-separated, or empty
 * @param actions interventions taken in response, comma-separated, or empty
 */
public record EpochRecord(int epoch, double learningRate, double trainLoss, double validationLoss,
    double dropout, double spreadLoss, double temperature, double gradNorm, double clippedGradNorm,
    String failures, String actions) {}
