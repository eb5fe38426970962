package io.rowspace.engine.predictor.train;

import static io.rowspace.engine.store.ModelFile.readFloats;
import static io.rowspace.engine.store.ModelFile.writeFloats;

import io.rowspace.engine.checkpoint.CheckpointBytes;
import io.rowspace.engine.space.EpochRecord;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a predictor's training holds at a checkpoint, so that training resumed from it
 * continues bit for bit as if it had never stopped: the head attempts already finished (their
 * kept weights and last epoch), the attempt in progress (weights, AdamW moments and step count,
 * schedule step, kept epoch and its weights, after which epoch), the fine-tuning's outcome once it
 * has run, the job's random generator and the timeline so far. What comes before the first
 * attempt (space outputs, standardisation, split) and after fine-tuning (linear model, boosted
 * trees, blend, calibration) is recomputed: it draws nothing from the job's generator, so the
 * same data and seed give the same result.
 *
 * <p>Saved as a versioned binary format; a checkpoint of another format is not resumed.
 *
 * @param epoch the timeline's epoch the checkpoint was taken after (as the resume notice says)
 * @param attempts the head attempts finished, in order (the first, then the corrective retry)
 * @param head the attempt in progress, or null at a stage boundary
 * @param tuned the fine-tuning's outcome, or null when it has not run (yet)
 * @param random the job's random generator's state ({@code RandomState})
 * @param timeline the epochs the monitor was given so far, replayed on resume
 */
record PredictorCheckpoint(int epoch, List<Attempt> attempts, HeadProgress head, Tuned tuned,
    byte[] random, List<EpochRecord> timeline) {
  /** 2: a finished attempt also holds the epoch it kept. */
  private static final int FORMAT = 2;
  private static final int MAGIC = 0x52535043; // "RSPC"

  /**
   * A finished head attempt: the weights it kept, the epoch they are of (counted from the
   * attempt's first) and its last epoch record, not yet given out.
   */
  record Attempt(float[] parameters, int bestEpoch, EpochRecord last) {}

  /**
   * A head attempt between two epochs.
   *
   * @param epoch the attempt's own last finished epoch (1-based)
   * @param step optimiser steps taken (the learning-rate schedule's position)
   * @param last the attempt's last epoch, given out to the monitor only at the next one
   */
  record HeadProgress(int epoch, float[] parameters, float[] firstMoment, float[] secondMoment,
      int adamSteps, int step, float[] best, double bestLoss, int bestEpoch, EpochRecord last) {}

  /** What fine-tuning produced, and the last epoch it had not yet given out. */
  record Tuned(List<Integer> layers, Map<Integer, Double> fisherShare, float[] spaceWeights,
      float[] headParameters, int epochs, EpochRecord last) {

    SpaceFineTuning.Result result() {
      return new SpaceFineTuning.Result(layers, fisherShare, spaceWeights, headParameters,
          epochs, last);
    }
  }

  /** Where the run stood, in words, for the resume notice. */
  String stage() {
    if (tuned != null) {
      return "after fine-tuning the space's layers";
    }
    String which = attempts.isEmpty() && head != null || attempts.size() == 1 && head == null
        ? "the head's training" : "the head's corrective retry";
    return head == null ? "after " + which : "during " + which;
  }

  byte[] toBytes() {
    return CheckpointBytes.write(MAGIC, FORMAT, out -> {
      out.writeInt(epoch);
      out.writeInt(attempts.size());
      for (Attempt a : attempts) {
        writeFloats(out, a.parameters());
        out.writeInt(a.bestEpoch());
        writeEpoch(out, a.last());
      }
      out.writeBoolean(head != null);
      if (head != null) {
        out.writeInt(head.epoch());
        writeFloats(out, head.parameters());
        writeFloats(out, head.firstMoment());
        writeFloats(out, head.secondMoment());
        out.writeInt(head.adamSteps());
        out.writeInt(head.step());
        writeFloats(out, head.best());
        out.writeDouble(head.bestLoss());
        out.writeInt(head.bestEpoch());
        writeEpoch(out, head.last());
      }
      out.writeBoolean(tuned != null);
      if (tuned != null) {
        out.writeInt(tuned.layers().size());
        for (int layer : tuned.layers()) {
          out.writeInt(layer);
        }
        out.writeInt(tuned.fisherShare().size());
        for (Map.Entry<Integer, Double> e : tuned.fisherShare().entrySet()) {
          out.writeInt(e.getKey());
          out.writeDouble(e.getValue());
        }
        writeFloats(out, tuned.spaceWeights());
        writeFloats(out, tuned.headParameters());
        out.writeInt(tuned.epochs());
        writeEpoch(out, tuned.last());
      }
      out.writeInt(random.length);
      out.write(random);
      EpochRecord.writeTimeline(out, timeline);
    });
  }

  /**
   * Reads a checkpoint, or null when the bytes are not a predictor checkpoint of this format
   * (written by another Rowspace version, or damaged): training then starts from the beginning.
   */
  static PredictorCheckpoint fromBytes(byte[] bytes) {
    try {
      DataInputStream in = CheckpointBytes.read(bytes, MAGIC, FORMAT);
      if (in == null) {
        return null;
      }
      int epoch = in.readInt();
      int attemptCount = in.readInt();
      if (attemptCount < 0 || attemptCount > 2) {
        return null;
      }
      List<Attempt> attempts = new ArrayList<>();
      for (int i = 0; i < attemptCount; i++) {
        attempts.add(new Attempt(readFloats(in), in.readInt(), readEpoch(in)));
      }
      HeadProgress head = null;
      if (in.readBoolean()) {
        head = new HeadProgress(in.readInt(), readFloats(in), readFloats(in), readFloats(in),
            in.readInt(), in.readInt(), readFloats(in), in.readDouble(), in.readInt(),
            readEpoch(in));
      }
      Tuned tuned = null;
      if (in.readBoolean()) {
        int layerCount = in.readInt();
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
          layers.add(in.readInt());
        }
        int shareCount = in.readInt();
        Map<Integer, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < shareCount; i++) {
          shares.put(in.readInt(), in.readDouble());
        }
        tuned = new Tuned(List.copyOf(layers), shares, readFloats(in), readFloats(in),
            in.readInt(), readEpoch(in));
      }
      byte[] random = new byte[in.readInt()];
      in.readFully(random);
      List<EpochRecord> timeline = EpochRecord.readTimeline(in);
      return new PredictorCheckpoint(epoch, List.copyOf(attempts), head, tuned, random,
          timeline);
    } catch (IOException | NegativeArraySizeException | OutOfMemoryError e) {
      return null;
    }
  }

  private static void writeEpoch(DataOutputStream out, EpochRecord record) throws IOException {
    out.writeBoolean(record != null);
    if (record != null) {
      record.write(out);
    }
  }

  private static EpochRecord readEpoch(DataInputStream in) throws IOException {
    return in.readBoolean() ? EpochRecord.read(in, true) : null;
  }
}
