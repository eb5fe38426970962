package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.SpaceFormat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Same data, options and seed give the same space, bit for bit, and saving loses nothing. */
class SpaceDeterminismTest {

  private static EmbeddingSpace train(Frame rows, List<String> warnings) {
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(EpochRecord record) {}

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    return SpaceTrainer.train(rows, Map.of(), SpaceOptions.fromMap(Map.of("epochs", "4")), monitor);
  }

  @Test
  void sameSeedGivesIdenticalSpaceAndEmbeddings() {
    Frame penguins = SharedDatasets.load("penguins", "penguins");
    List<String> warnings = new ArrayList<>();
    try (EmbeddingSpace a = train(penguins, warnings); EmbeddingSpace b = train(penguins, warnings)) {
      assertTrue(a.columns().stream().anyMatch(p -> p.encoder().contains("sentence model")),
          "penguins' word categories take the semantic path, which must be deterministic too");
      assertArrayEquals(SpaceFormat.write(a), SpaceFormat.write(b));
      float[][] ea = a.embed(penguins, Set.of());
      float[][] eb = b.embed(penguins, Set.of());
      assertEquals(penguins.rowCount(), ea.length);
      for (int i = 0; i < ea.length; i++) {
        assertArrayEquals(ea[i], eb[i]);
        double norm = 0;
        for (float v : ea[i]) {
          norm += v * v;
        }
        assertEquals(1.0, norm, 1e-4, "embeddings are L2-normalised");
      }
      try (EmbeddingSpace loaded = SpaceFormat.read(SpaceFormat.write(a))) {
        float[][] el = loaded.embed(penguins, Set.of("species"));
        float[][] em = a.embed(penguins, Set.of("species"));
        for (int i = 0; i < el.length; i++) {
          assertArrayEquals(em[i], el[i]);
        }
        assertEquals(a.columns(), loaded.columns());
        assertEquals(a.options(), loaded.options());
        assertEquals(a.fingerprint(), loaded.fingerprint());
        assertEquals(a.timeline(), loaded.timeline(), "the timeline is saved with the space");
      }
      for (EpochRecord r : a.timeline()) {
        assertEquals(0.2, r.temperature(), 1e-6, "the default temperature, no collapse: " + r);
        assertTrue(r.objectiveWeights().startsWith("column "), r.toString());
        assertTrue(r.reconstructionLoss() > 0 && r.reconstructionLoss() < 2,
            "penguins' four numeric columns are reconstructed: " + r);
        assertTrue(r.meanCosine() < EmbeddingHealth.COLLAPSED_MEAN_COSINE && r.effectiveRank() >= 2,
            r.toString());
        assertTrue(r.failures().isEmpty(), r.toString());
      }
      assertTrue(a.timeline().get(0).reconstructionLoss()
          > a.timeline().get(a.timeline().size() - 1).reconstructionLoss(),
          "reconstruction improves: " + a.timeline());
      assertEquals(42, a.seed());
      assertEquals(4, a.epochs());
      assertTrue(a.embeddingDimension() > 0);
    }
  }
}
