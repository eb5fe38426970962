package io.rowspace.engine.space;

import static io.rowspace.engine.store.ModelFile.readFloats;
import static io.rowspace.engine.store.ModelFile.writeFloats;

import io.rowspace.engine.checkpoint.CheckpointBytes;
import io.rowspace.engine.checkpoint.RandomState;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * Everything a space's training loop holds between two epochs, so that training resumed from it
 * continues bit for bit as if it had never stopped: the weights, the optimiser's moments and step
 * count, the random generator (shuffles and masks), the learning-rate, temperature and spread
 * boosts, the kept epoch and its weights, what the failure detection remembers, and the timeline
 * so far. The initial weights are not kept: a resumed run draws them again from the same seed.
 *
 * <p>Saved as a versioned binary format; a checkpoint of another format is not resumed.
 *
 * @param epoch the last finished epoch (1-based)
 * @param parameters the training layout's weights after that epoch
 * @param firstMoment AdamW's first moment
 * @param secondMoment AdamW's second moment
 * @param adamSteps AdamW's step count (bias correction)
 * @param random the job's random generator, as it stood after the epoch
 * @param step the optimiser steps taken (the learning-rate schedule's position)
 * @param best the weights of the kept epoch
 */
record SpaceCheckpoint(int epoch, float[] parameters, float[] firstMoment, float[] secondMoment,
    int adamSteps, Random random, double rateBoost, double temperatureBoost, double spreadBoost,
    int step, double clipEma, float[] best, double bestLoss, double keptLoss,
    boolean bestCollapsed, int bestEpoch, double firstValidation, boolean boosted,
    int rateBoosts, int rollbacks, double previousTrain, double previousValidation,
    int worsening, List<EpochRecord> timeline) {
  private static final int FORMAT = 2;
  private static final int MAGIC = 0x52534350; // "RSCP"

  byte[] toBytes() {
    return CheckpointBytes.write(MAGIC, FORMAT, out -> {
      out.writeInt(epoch);
      writeFloats(out, parameters);
      writeFloats(out, firstMoment);
      writeFloats(out, secondMoment);
      out.writeInt(adamSteps);
      byte[] generator = randomBytes(random);
      out.writeInt(generator.length);
      out.write(generator);
      out.writeDouble(rateBoost);
      out.writeDouble(temperatureBoost);
      out.writeDouble(spreadBoost);
      out.writeInt(step);
      out.writeDouble(clipEma);
      writeFloats(out, best);
      out.writeDouble(bestLoss);
      out.writeDouble(keptLoss);
      out.writeBoolean(bestCollapsed);
      out.writeInt(bestEpoch);
      out.writeDouble(firstValidation);
      out.writeBoolean(boosted);
      out.writeInt(rateBoosts);
      out.writeInt(rollbacks);
      out.writeDouble(previousTrain);
      out.writeDouble(previousValidation);
      out.writeInt(worsening);
      EpochRecord.writeTimeline(out, timeline);
    });
  }

  /**
   * Reads a checkpoint, or null when the bytes are not a checkpoint of this format (written by
   * another Rowspace version, or damaged): training then starts from the beginning.
   */
  static SpaceCheckpoint fromBytes(byte[] bytes) {
    try {
      DataInputStream in = CheckpointBytes.read(bytes, MAGIC, FORMAT);
      if (in == null) {
        return null;
      }
      int epoch = in.readInt();
      float[] parameters = readFloats(in);
      float[] first = readFloats(in);
      float[] second = readFloats(in);
      int adamSteps = in.readInt();
      byte[] generator = new byte[in.readInt()];
      in.readFully(generator);
      Random random = random(generator);
      double rateBoost = in.readDouble();
      double temperatureBoost = in.readDouble();
      double spreadBoost = in.readDouble();
      int step = in.readInt();
      double clipEma = in.readDouble();
      float[] best = readFloats(in);
      double bestLoss = in.readDouble();
      double keptLoss = in.readDouble();
      boolean bestCollapsed = in.readBoolean();
      int bestEpoch = in.readInt();
      double firstValidation = in.readDouble();
      boolean boosted = in.readBoolean();
      int rateBoosts = in.readInt();
      int rollbacks = in.readInt();
      double previousTrain = in.readDouble();
      double previousValidation = in.readDouble();
      int worsening = in.readInt();
      List<EpochRecord> timeline = EpochRecord.readTimeline(in);
      return new SpaceCheckpoint(epoch, parameters, first, second, adamSteps, random, rateBoost,
          temperatureBoost, spreadBoost, step, clipEma, best, bestLoss, keptLoss, bestCollapsed,
          bestEpoch, firstValidation, boosted, rateBoosts, rollbacks, previousTrain,
          previousValidation, worsening, timeline);
    } catch (IOException | ClassCastException
        | NegativeArraySizeException | OutOfMemoryError e) {
      return null;
    }
  }

  private static byte[] randomBytes(Random random) {
    return RandomState.of(random);
  }

  private static Random random(byte[] bytes) throws IOException {
    return RandomState.restore(bytes);
  }
}
