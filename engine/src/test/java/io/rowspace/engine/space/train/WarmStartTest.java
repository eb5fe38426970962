package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.RelatedTablesSpaceTest;
import io.rowspace.engine.space.RelatedTokens;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.error.EngineException;
import io.rowspace.error.SqlStates;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A space extended with a column keeps the earlier columns first, with their encoders, and starts
 * training from the earlier weights: every shared weight, the earlier columns' slots, scalar
 * weights and positions; only what the new column brings starts fresh. A space over related
 * tables keeps its relations, their encoders and their weights.
 */
class WarmStartTest {
  private static final Map<String, String> OPTIONS = Map.of("epochs", "1",
      "sentence_model", "false", "d_model", "16", "seed", "5");

  @Test
  void anExtendedSpaceStartsFromTheEarlierWeights() {
    Frame penguins = SharedDatasets.load("penguins", "penguins");
    try (EmbeddingSpace base = SpaceTrainer.train(penguins, Map.of("body_mass_g", "held back"),
             SpaceOptions.fromMap(OPTIONS), TrainingMonitor.NONE);
         EmbeddingSpace extended = SpaceTrainer.extend(base, penguins, Map.of(),
             Set.of("body_mass_g"), SpaceOptions.fromMap(OPTIONS), TrainingMonitor.NONE)) {
      List<String> before = base.encoders().stream().map(ColumnEncoder::name).toList();
      List<String> after = extended.encoders().stream().map(ColumnEncoder::name).toList();
      assertEquals(before, after.subList(0, before.size()), "earlier columns first");
      assertEquals("body_mass_g", after.get(after.size() - 1));

      ParameterLayout layout = TrainingLoop.trainingLayout(extended.config(),
          RelatedTokens.none());
      float[] fresh = new float[(int) layout.size()];
      Arrays.fill(fresh, 7f);
      float[] initial = WarmStart.weights(base, layout, fresh);
      float[] earlier = base.weights();
      ParameterLayout baseLayout = base.parameterLayout();
      TabularTransformer.Config config = base.config();
      for (String name : List.of("layer0.qkv.w", "layer0.ff2.w", "final.g", "proj.w", "cls",
          "mask", "colhead.w1")) {
        assertArrayEquals(slice(earlier, baseLayout, name, baseLayout.size(name)),
            slice(initial, layout, name, layout.size(name)), name + " is kept");
      }
      long embedRows = (long) config.vocabulary() * config.dModel();
      assertArrayEquals(slice(earlier, baseLayout, "embed", embedRows),
          slice(initial, layout, "embed", embedRows), "earlier columns' slots are kept");
      assertArrayEquals(slice(earlier, baseLayout, "pos", baseLayout.size("pos")),
          slice(initial, layout, "pos", baseLayout.size("pos")), "earlier positions are kept");
      float[] newPosition = Arrays.copyOfRange(initial,
          (int) (layout.offset("pos") + baseLayout.size("pos")),
          (int) (layout.offset("pos") + layout.size("pos")));
      float[] sevens = new float[newPosition.length];
      Arrays.fill(sevens, 7f);
      assertArrayEquals(sevens, newPosition, "the new column's position starts fresh");
    }
  }

  @Test
  void theShapeCannotChange() {
    Frame penguins = SharedDatasets.load("penguins", "penguins");
    try (EmbeddingSpace base = SpaceTrainer.train(penguins, Map.of("body_mass_g", "held back"),
        SpaceOptions.fromMap(OPTIONS), TrainingMonitor.NONE)) {
      Map<String, String> wider = new java.util.HashMap<>(OPTIONS);
      wider.put("d_model", "32");
      EngineException e = assertThrows(EngineException.class, () -> SpaceTrainer.extend(base,
          penguins, Map.of(), Set.of("body_mass_g"), SpaceOptions.fromMap(wider),
          TrainingMonitor.NONE));
      assertEquals(SqlStates.INVALID_ARGUMENT, e.sqlState());
    }
  }

  @Test
  void aSpaceOverARelatedTableContinuesWithItsRelationsAndTheirWeights() {
    Frame rows = RelatedTablesSpaceTest.customers(120, 5);
    Map<String, String> key = Map.of("ID", "row key");
    Map<String, String> options = Map.of("epochs", "2", "d_model", "16", "seed", "5");
    Map<String, String> withoutAge = Map.of("ID", "row key", "AGE", "held back");
    try (EmbeddingSpace base = SpaceTrainer.train(rows, withoutAge,
             SpaceOptions.fromMap(options), TrainingMonitor.NONE);
         EmbeddingSpace extended = SpaceTrainer.extend(base, rows, key, Set.of("AGE"),
             SpaceOptions.fromMap(options), TrainingMonitor.NONE)) {
      assertEquals(base.relations(), extended.relations());
      assertEquals(base.relatedColumns(), extended.relatedColumns(), "the same encoders");
      assertEquals("AGE", extended.encoders().get(extended.encoders().size() - 1).name());
      assertTrue(extended.mutualInformationBits().containsKey("VISITS"));

      ParameterLayout layout = TrainingLoop.trainingLayout(extended.config(),
          extended.relatedTokens());
      float[] fresh = new float[(int) layout.size()];
      Arrays.fill(fresh, 7f);
      float[] initial = WarmStart.weights(base, layout, fresh);
      ParameterLayout baseLayout = base.parameterLayout();
      for (String name : List.of("relpos", "rel0.embed", "rel0.scalar.w", "rel0.row.w",
          "rel0.attn.q", "rel0.pool.w", "layer0.qkv.w")) {
        assertArrayEquals(slice(base.weights(), baseLayout, name, baseLayout.size(name)),
            slice(initial, layout, name, layout.size(name)), name + " is kept");
      }

      Frame bare = rows.withRelated(List.of());
      EngineException e = assertThrows(EngineException.class, () -> SpaceTrainer.extend(base,
          bare, key, Set.of("AGE"), SpaceOptions.fromMap(options), TrainingMonitor.NONE));
      assertEquals(SqlStates.UNUSABLE_DATA, e.sqlState());
      assertTrue(e.getMessage().contains("VISITS"), e.getMessage());
    }
  }

  private static float[] slice(float[] weights, ParameterLayout layout, String name, long size) {
    int from = (int) layout.offset(name);
    return Arrays.copyOfRange(weights, from, from + (int) size);
  }
}
