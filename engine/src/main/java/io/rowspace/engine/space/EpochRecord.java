package io.rowspace.engine.space;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One epoch of training, as recorded in the training timeline.
 *
 * @param epoch 1-based epoch number
 * @param learningRate learning rate at the end of the epoch
 * @param trainLoss mean training loss over the epoch's batches (the weighted objective)
 * @param validationLoss loss on the validation rows after the epoch (NaN without validation rows)
 * @param dropout dropout rate in use
 * @param spreadLoss mean spread (uniformity) loss; more negative means better spread embeddings
 * @param temperature contrastive temperature used in the epoch
 * @param gradNorm mean global gradient norm before clipping
 * @param clippedGradNorm mean global gradient norm after clipping
 * @param failures failure modes detected in this epoch, comma-separated, or empty
 * @param actions interventions taken in response, comma-separated, or empty
 * @param reconstructionLoss mean scalar reconstruction loss (mean squared error in standard
 *     deviations squared) over the epoch's batches; NaN without numeric columns and for
 *     predictors
 * @param objectiveWeights the weights of the loss terms in the epoch, as
 *     {@code ObjectiveWeights.describe()} in {@code space.train} gives them; empty for predictors
 * @param meanCosine mean pairwise cosine similarity of validation embeddings after the epoch
 *     (see {@code EmbeddingHealth} in {@code space.train}); NaN for predictors
 * @param effectiveRank effective rank of the validation embeddings after the epoch; NaN for
 *     predictors
 */
public record EpochRecord(int epoch, double learningRate, double trainLoss, double validationLoss,
    double dropout, double spreadLoss, double temperature, double gradNorm, double clippedGradNorm,
    String failures, String actions, double reconstructionLoss, String objectiveWeights,
    double meanCosine, double effectiveRank) {

  /** An epoch without an objective of a space: a predictor's, or a space's from format 1-3. */
  public EpochRecord(int epoch, double learningRate, double trainLoss, double validationLoss,
      double dropout, double spreadLoss, double temperature, double gradNorm,
      double clippedGradNorm, String failures, String actions) {
    this(epoch, learningRate, trainLoss, validationLoss, dropout, spreadLoss, temperature,
        gradNorm, clippedGradNorm, failures, actions, Double.NaN, "", Double.NaN, Double.NaN);
  }

  /** This epoch with the space objective's figures. */
  EpochRecord withObjective(double reconstructionLoss, String objectiveWeights,
      double meanCosine, double effectiveRank) {
    return new EpochRecord(epoch, learningRate, trainLoss, validationLoss, dropout, spreadLoss,
        temperature, gradNorm, clippedGradNorm, failures, actions, reconstructionLoss,
        objectiveWeights, meanCosine, effectiveRank);
  }

  /** Writes this epoch as a saved space (format 4 on) and a training checkpoint hold it. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(epoch);
    out.writeDouble(learningRate);
    out.writeDouble(trainLoss);
    out.writeDouble(validationLoss);
    out.writeDouble(dropout);
    out.writeDouble(spreadLoss);
    out.writeDouble(temperature);
    out.writeDouble(gradNorm);
    out.writeDouble(clippedGradNorm);
    ModelFile.writeText(out, failures);
    ModelFile.writeText(out, actions);
    out.writeDouble(reconstructionLoss);
    ModelFile.writeText(out, objectiveWeights);
    out.writeDouble(meanCosine);
    out.writeDouble(effectiveRank);
  }

  /**
   * Reads an epoch {@link #write} wrote.
   *
   * @param withObjective whether the objective's figures follow (saved spaces of format 4 on,
   *     checkpoints); without them, an epoch of spaces of formats 1 to 3
   */
  public static EpochRecord read(DataInput in, boolean withObjective) throws IOException {
    EpochRecord epoch = new EpochRecord(in.readInt(), in.readDouble(), in.readDouble(),
        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
        in.readDouble(), ModelFile.readText(in), ModelFile.readText(in));
    return withObjective
        ? epoch.withObjective(in.readDouble(), ModelFile.readText(in), in.readDouble(),
            in.readDouble())
        : epoch;
  }

  /** Writes a timeline: its length, then each epoch with its objective terms. */
  public static void writeTimeline(DataOutput out, List<EpochRecord> timeline) throws IOException {
    out.writeInt(timeline.size());
    for (EpochRecord r : timeline) {
      r.write(out);
    }
  }

  /** Reads what {@link #writeTimeline} wrote. */
  public static List<EpochRecord> readTimeline(DataInput in) throws IOException {
    int epochs = in.readInt();
    List<EpochRecord> timeline = new ArrayList<>(epochs);
    for (int i = 0; i < epochs; i++) {
      timeline.add(read(in, true));
    }
    return List.copyOf(timeline);
  }
}
