package io.rowspace.engine.space.train;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.checkpoint.RunFingerprint;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.space.RelatedTokens;

import java.util.List;

/**
 * What a space's training run trains on and with, as the key of its checkpoints: the encoded
 * rows and related rows, the split, the settings and the initial weights (which also stand for
 * the layout, the seed and the code that drew them). A run resumes only a checkpoint of the same
 * fingerprint.
 */
final class TrainingFingerprint {
  private TrainingFingerprint() {}

  static String of(long seed, TrainingPlan plan, EncodedRows encoded,
      List<RelatedTokens.Encoded> related, int[] training, int[] validation, float[] initial) {
    RunFingerprint f = new RunFingerprint().add("space").add(seed)
        .add(plan.dModel()).add(plan.layers()).add(plan.heads()).add(plan.batchSize())
        .add(plan.epochs()).add(plan.epochSteps()).add(Double.doubleToLongBits(plan.learningRate()))
        .add(Double.doubleToLongBits(plan.temperature())).add(EngineRuntime.threads())
        .add(training).add(validation).add(initial);
    addRows(f, encoded);
    addRelated(f, related);
    return f.hex();
  }

  private static void addRows(RunFingerprint f, EncodedRows rows) {
    f.add(rows.rows()).add(rows.columns()).add(rows.index()).add(rows.values())
        .add(rows.keys()).add(rows.unparseable());
    if (rows.sentences() != null) {
      f.add(rows.sentences().rows()).add(rows.sentences().use())
          .add(rows.sentences().table());
    }
  }

  private static void addRelated(RunFingerprint f, List<RelatedTokens.Encoded> related) {
    f.add(related.size());
    for (RelatedTokens.Encoded r : related) {
      addRows(f, r.rows());
      f.add(r.members().length);
      for (int[] members : r.members()) {
        f.add(members);
      }
      f.add(r.summaries()).add(r.counts());
      addRelated(f, r.nested());
    }
  }
}
