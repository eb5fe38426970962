package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.predictor.train.PredictorTrainer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;

/**
 * A target that hangs on sharp thresholds of exact values (the shape of mlc_churn: churn above a
 * number of minutes, or from a number of service calls on), among noise columns and a category:
 * the trees mixed into the predictor catch what the network on the frozen space blurs, the user
 * is told what was mixed in, and the blend saves, loads and repeats bit for bit.
 */
@Tag("slow")
class TreeBlendTest {
  private static Frame train;
  private static Frame test;
  private static EmbeddingSpace space;

  @BeforeAll
  static void trainSpace() {
    // 4,000 rows leave about 70 positives among the validation rows, enough for trees = auto.
    train = rows(4000, new Random(21));
    test = rows(2000, new Random(22));
    space = SpaceTrainer.train(rows(1500, new Random(20)), Map.of(), SpaceOptions.fromMap(
        Map.of("d_model", "16", "layers", "1", "epochs", "6")), TrainingMonitor.NONE);
  }

  @AfterAll
  static void close() {
    space.close();
  }

  /** LEAVES is "yes" above 264 minutes, or with at least 4 calls and a "basic" plan. */
  private static Frame rows(int n, Random random) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("MINUTES", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("CALLS", Types.INTEGER, "INTEGER"),
        new ColumnSchema("PLAN", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("NOISE_A", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE_B", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("LEAVES", Types.VARCHAR, "VARCHAR"));
    String[] plans = {"basic", "plus", "family"};
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double minutes = 180 + 55 * random.nextGaussian();
      int calls = (int) Math.min(9, Math.floor(-1.6 * Math.log(1 - random.nextDouble())));
      String plan = plans[random.nextInt(3)];
      boolean leaves = minutes > 264 || (calls >= 4 && plan.equals("basic"));
      if (random.nextDouble() < 0.005) {
        leaves = !leaves;
      }
      out.add(new Object[] {random.nextDouble() < 0.05 ? null : minutes, calls, plan,
          random.nextGaussian(), random.nextGaussian(), leaves ? "yes" : "no"});
    }
    return Frame.ofRows(schema, out);
  }

  private static double heldOutAuc(Predictor p) {
    return HeldOut.auc(p, space, test, "LEAVES", "yes");
  }

  @Test
  void treesCatchSharpThresholdsTheNetworkOnTheFrozenSpaceBlurs() {
    PredictorGuardsTest.Recorder monitor = new PredictorGuardsTest.Recorder();
    try (Predictor blended = PredictorTrainer.train(space, train, "LEAVES",
            PredictorOptions.defaults(), monitor);
        Predictor network = PredictorTrainer.train(space, train, "LEAVES",
            PredictorOptions.fromMap(Map.of("trees", "false")), TrainingMonitor.NONE)) {
      double withTrees = heldOutAuc(blended);
      double alone = heldOutAuc(network);
      System.out.printf(Locale.ROOT, "sharp thresholds: held-out AUC %.4f network alone, %.4f with trees "
          + "(share %s, %s rounds)%n", alone, withTrees,
          blended.resolvedOptions().get("tree_share"),
          blended.resolvedOptions().get("tree_rounds"));
      assertTrue(withTrees > alone + 0.005, withTrees + " vs " + alone);
      assertTrue(withTrees > 0.93, "held-out AUC " + withTrees);
      assertTrue(Double.parseDouble(blended.resolvedOptions().get("tree_share")) > 0);
      assertEquals("MINUTES,CALLS,PLAN,NOISE_A,NOISE_B",
          blended.resolvedOptions().get("tree_inputs"));
      assertEquals(0, blended.trees.embeddingWidth(), "the embedding is the network's input");
      assertTrue(List.of("4", "6").contains(blended.resolvedOptions().get("tree_depth")));
      String tried = blended.resolvedOptions().get("blend_validation");
      assertTrue(tried.startsWith("depth "), "the best blends first, trees among them: " + tried);
      assertTrue(monitor.warnings.stream().anyMatch(w -> w.startsWith("Predictor of 'LEAVES': "
          + "mixed boosted trees (")), monitor.warnings.toString());
      assertTrue(monitor.epochs.stream().anyMatch(e -> e.actions().startsWith("blend: boosted "
          + "trees (depth ")), "the timeline records the trees");
      assertNull(network.trees);
      assertFalse(network.resolvedOptions().containsKey("tree_share"));

      // Explanations stay model-agnostic: a masked column is missing for the trees too.
      Map<String, Double> importance = blended.explain(space, test.rows(new int[] {0}))
          .get(0).importance();
      assertEquals(5, importance.size());

      try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(blended))) {
        assertEquals(blended.predict(space, test), loaded.predict(space, test));
        assertEquals(blended.globalImportance(), loaded.globalImportance(),
            "the global importance is saved with the predictor");
      }

      // Global importance: the columns the target hangs on come before the noise.
      GlobalImportance global = blended.globalImportance().orElseThrow();
      assertEquals("auc", global.metric());
      List<String> ranked = global.entries().stream().map(GlobalImportance.Entry::feature)
          .toList();
      assertEquals("MINUTES", ranked.get(0), global.toString());
      assertTrue(ranked.indexOf("NOISE_A") > ranked.indexOf("CALLS"), global.toString());
      assertTrue(ranked.indexOf("NOISE_B") > ranked.indexOf("CALLS"), global.toString());
    }
  }

  @Test
  void theSameDataAndSeedGiveTheSameBlendBitForBit() {
    try (Predictor a = PredictorTrainer.train(space, train, "LEAVES",
            PredictorOptions.fromMap(Map.of("trees", "true")), TrainingMonitor.NONE);
        Predictor b = PredictorTrainer.train(space, train, "LEAVES",
            PredictorOptions.fromMap(Map.of("trees", "true")), TrainingMonitor.NONE)) {
      assertTrue(a.trees.weight() >= 0.25, "trees = true keeps a share of at least a quarter");
      assertArrayEquals(PredictorFormat.write(a), PredictorFormat.write(b));
    }
  }

  @Test
  void withFewValidationRowsOfTheRarestClassTreesAreOnlyTriedWhenAskedFor() {
    Frame few = train.rows(java.util.stream.IntStream.range(0, 600).toArray());
    PredictorGuardsTest.Recorder monitor = new PredictorGuardsTest.Recorder();
    try (Predictor auto = PredictorTrainer.train(space, few, "LEAVES",
            PredictorOptions.defaults(), monitor);
        Predictor asked = PredictorTrainer.train(space, few, "LEAVES",
            PredictorOptions.fromMap(Map.of("trees", "true")), TrainingMonitor.NONE)) {
      assertTrue(auto.trees == null || auto.trees.trees() == null, "no boosted trees");
      assertTrue(monitor.warnings.stream().anyMatch(w -> w.startsWith("Predictor of 'LEAVES': "
          + "boosted trees not tried: the validation rows hold only ")), monitor.warnings
          .toString());
      assertTrue(auto.resolvedOptions().get("tree_skipped").contains("of the rarest class"));
      assertTrue(asked.trees.weight() >= 0.25);
    }
  }
}
