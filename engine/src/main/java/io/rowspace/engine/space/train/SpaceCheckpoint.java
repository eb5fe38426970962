package io.rowspace.engine.space.train;

import static io.rowspace.engine.store.ModelFile.readFloats;
import static io.rowspace.engine.store.ModelFile.writeFloats;

import io.rowspace.engine.checkpoint.CheckpointBytes;
import io.rowspace.engine.checkpoint.RandomState;
import io.rowspace.engine.nn.AdamW;
import io.rowspace.engine.space.EpochRecord;

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
 * @param optimiser AdamW's moments and step count (bias correction)
 * @param random the job's random generator, as it stood after the epoch
 * @param rateBoost the learning-rate schedule's boost factor
 * @param temperatureBoost the curriculum's temperature boost
 * @param spreadBoost the curriculum's spread-weight boost
 * @param step the optimiser steps taken (the learning-rate schedule's position)
 * @param clipEma the moving average of gradient norms that sets the clipping threshold
 * @param interventions what the rules applied after each epoch remember, with the kept epoch
 * @param timeline the epochs so far
 */
record SpaceCheckpoint(int epoch, float[] parameters, AdamW.State optimiser, Random random,
    double rateBoost, double temperatureBoost, double spreadBoost, int step, double clipEma,
    Interventions.State interventions, List<EpochRecord> timeline) {
  private static final int FORMAT = 2;
  private static final int MAGIC = 0x52534350; // "RSCP"

  byte[] toBytes() {
    return CheckpointBytes.write(MAGIC, FORMAT, out -> {
      out.writeInt(epoch);
      writeFloats(out, parameters);
      writeFloats(out, optimiser.firstMoment());
      writeFloats(out, optimiser.secondMoment());
      out.writeInt(optimiser.steps());
      byte[] generator = RandomState.of(random);
      out.writeInt(generator.length);
      out.write(generator);
      out.writeDouble(rateBoost);
      out.writeDouble(temperatureBoost);
      out.writeDouble(spreadBoost);
      out.writeInt(step);
      out.writeDouble(clipEma);
      interventions.write(out);
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
      Random random = RandomState.restore(generator);
      double rateBoost = in.readDouble();
      double temperatureBoost = in.readDouble();
      double spreadBoost = in.readDouble();
      int step = in.readInt();
      double clipEma = in.readDouble();
      Interventions.State interventions = Interventions.State.read(in);
      List<EpochRecord> timeline = EpochRecord.readTimeline(in);
      return new SpaceCheckpoint(epoch, parameters, new AdamW.State(first, second, adamSteps),
          random, rateBoost, temperatureBoost, spreadBoost, step, clipEma, interventions,
          timeline);
    } catch (IOException | ClassCastException
        | NegativeArraySizeException | OutOfMemoryError e) {
      return null;
    }
  }
}
