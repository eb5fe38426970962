package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A temperature of 0.01, which a user can set, makes the contrastive logits a hundred times the
 * cosines: the first epoch's gradients are huge and the embeddings of penguins' rows bunch
 * together. Training must see it on the validation rows, say so in the timeline, answer with the
 * interventions it records (temperature and spread boosts, a restart) and end with a space whose
 * rows are told apart again.
 */
class SpaceCollapseTest {

  @Test
  void aCollapseIsDetectedRecordedAndRepaired() {
    Frame penguins = SharedDatasets.load("penguins", "penguins");
    List<EpochRecord> epochs = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(EpochRecord record) {
        epochs.add(record);
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    SpaceOptions options = SpaceOptions.fromMap(Map.of("temperature", "0.01", "epochs", "8"));
    try (EmbeddingSpace space = SpaceTrainer.train(penguins, Map.of(), options, monitor)) {
      EpochRecord first = epochs.get(0);
      assertEquals(0.01, first.temperature(), 1e-9, "the first epoch uses the option");
      assertTrue(first.meanCosine() > EmbeddingHealth.COLLAPSED_MEAN_COSINE, first.toString());
      assertTrue(first.failures().startsWith("collapse (mean cosine "), first.toString());
      assertTrue(first.actions().contains("temperature boost to 0.020"), first.toString());
      assertTrue(first.actions().contains("spread weight boost x2"), first.toString());
      assertTrue(first.actions().contains("restart from the initial weights"), first.toString());
      assertEquals(0.02, epochs.get(1).temperature(), 1e-9, "the boost is used in the next epoch");

      for (int i = 1; i < epochs.size(); i++) {
        assertTrue(epochs.get(i).temperature() >= epochs.get(i - 1).temperature(),
            "boosts hold: " + epochs);
        assertFalse(epochs.get(i).objectiveWeights().isEmpty());
      }
      EpochRecord last = epochs.get(epochs.size() - 1);
      assertFalse(last.failures().contains("collapse"), "recovered by the end: " + epochs);
      assertTrue(last.meanCosine() < EmbeddingHealth.COLLAPSED_MEAN_COSINE, last.toString());
      assertTrue(warnings.stream().noneMatch(w -> w.contains("collapsed")), warnings.toString());

      float[][] embedded = space.embed(penguins, Set.of());
      int width = embedded[0].length;
      float[] flat = new float[embedded.length * width];
      for (int i = 0; i < embedded.length; i++) {
        System.arraycopy(embedded[i], 0, flat, i * width, width);
      }
      EmbeddingHealth kept = EmbeddingHealth.of(flat, width);
      assertFalse(kept.collapsed(), "the kept weights tell rows apart: " + kept);
      assertTrue(kept.meanCosine() < first.meanCosine() - 0.2,
          "the interventions undid the collapse: " + kept + " after " + first);
      assertEquals(epochs, space.timeline());
    }
  }
}
