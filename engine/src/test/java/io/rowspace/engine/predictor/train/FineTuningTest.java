package io.rowspace.engine.predictor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.TunedLayers;
import io.rowspace.engine.predictor.HeldOut;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.EpochRecord;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Option {@code fine_tune}: {@code true} trains the space's layers with the head and the predictor
 * then embeds rows with its own tuned copy, saved with it, while the space stays as it was;
 * {@code auto} measures the layers' Fisher information, tunes the most informative ones and keeps
 * the result only if it beats the frozen predictor on the validation rows, saying which it kept.
 */
class FineTuningTest {
  private static EmbeddingSpace space;
  private static float[] spaceWeightsBefore;
  private static String fingerprintBefore;
  private static Frame train;
  private static Frame test;

  @BeforeAll
  static void trainSpace() {
    space = SpaceTrainer.train(rows(800, new Random(31)), Map.of(),
        SpaceOptions.fromMap(Map.of("d_model", "16", "layers", "2", "epochs", "4")),
        TrainingMonitor.NONE);
    spaceWeightsBefore = space.weights();
    fingerprintBefore = space.fingerprint();
    train = rows(1500, new Random(32));
    test = rows(500, new Random(33));
  }

  @AfterAll
  static void close() {
    space.close();
  }

  /** LABEL depends on X1 * X2; COIN is a fair coin, independent of every column. */
  private static Frame rows(int n, Random random) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("X1", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("X2", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("GROUP_NAME", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("LABEL", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("COIN", Types.VARCHAR, "VARCHAR"));
    String[] groups = {"north", "south", "east"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      double p = 1 / (1 + Math.exp(-3 * x1 * x2));
      rows.add(new Object[] {x1, x2, random.nextGaussian(), groups[random.nextInt(3)],
          random.nextDouble() < p ? "yes" : "no", random.nextBoolean() ? "heads" : "tails"});
    }
    return Frame.ofRows(schema, rows);
  }

  private static Predictor train(String target, String fineTune, List<String> warnings,
      List<EpochRecord> timeline) {
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public void progress(String phase, int step, int totalSteps, String message) {}

      @Override
      public void epoch(EpochRecord record) {
        timeline.add(record);
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    return PredictorTrainer.train(space, train, target,
        // The network alone: a tree or linear member given the whole share would hide the tuning.
        PredictorOptions.fromMap(Map.of("fine_tune", fineTune, "epochs", "30", "trees",
            "false")), monitor);
  }

  @Test
  void fineTuneTrueTrainsItsOwnCopyOfTheLayersReproduciblyAndLeavesTheSpaceAlone() {
    List<String> warnings = new ArrayList<>();
    List<EpochRecord> timeline = new ArrayList<>();
    try (Predictor tuned = train("LABEL", "true", warnings, timeline);
        Predictor again = train("LABEL", "true", new ArrayList<>(), new ArrayList<>());
        Predictor frozen = train("LABEL", "false", new ArrayList<>(), new ArrayList<>())) {
      assertTrue(tuned.fineTuned());
      assertEquals("true", tuned.options().get("fine_tune"));
      assertEquals("fine-tuned", tuned.options().get("fine_tune_outcome"));
      assertEquals("0,1", tuned.options().get("fine_tune_layers"));
      assertTrue(warnings.stream().anyMatch(w -> w.contains("fine_tune = 'true' kept the "
          + "fine-tuned space layers 0,1")), warnings.toString());
      assertTrue(timeline.stream().anyMatch(r -> r.actions().contains("fine-tuning layers 0,1")),
          "the timeline records the fine-tuning epochs");

      // The predictor embeds with tuned layers; everything outside the layers is the space's own.
      float[] used = tuned.spaceWeights(space);
      Map<String, Integer> changed = changedWeights(used);
      assertFalse(changed.isEmpty(), "fine-tuning changed no weight of the space's layers");
      assertTrue(changed.keySet().stream().allMatch(n -> n.startsWith("layer")), changed
          .toString());

      // The shared space is unchanged, for other predictors and SIMILAR_ROWS.
      assertArrayEquals(spaceWeightsBefore, space.weights());
      assertEquals(fingerprintBefore, space.fingerprint());
      assertFalse(frozen.fineTuned());
      assertArrayEquals(spaceWeightsBefore, frozen.spaceWeights(space));

      // Same data and seed: the same bytes; the saved predictor brings its tuned layers along.
      assertArrayEquals(PredictorFormat.write(tuned), PredictorFormat.write(again));
      try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(tuned))) {
        assertTrue(loaded.fineTuned());
        assertArrayEquals(used, loaded.spaceWeights(space));
        List<Prediction> a = tuned.predict(space, test);
        List<Prediction> b = loaded.predict(space, test);
        assertEquals(a, b);
        List<Prediction> f = frozen.predict(space, test);
        assertFalse(a.equals(f), "the tuned predictor predicts exactly as the frozen one");
      }
      double tunedAuc = heldOutAuc(tuned);
      double frozenAuc = heldOutAuc(frozen);
      System.out.printf(Locale.ROOT, "LABEL held-out AUC: frozen %.3f, fine-tuned %.3f; %s%n", frozenAuc,
          tunedAuc, tuned.options().get("fine_tune_validation"));
      assertTrue(tunedAuc > frozenAuc - 0.05, "fine-tuning lost more than 0.05 AUC: "
          + tunedAuc + " vs " + frozenAuc);
    }
  }

  @Test
  void fineTuneAutoKeepsTheFrozenSpaceWhenTuningDoesNotHelpAndSaysSo() {
    List<String> warnings = new ArrayList<>();
    try (Predictor p = train("COIN", "auto", warnings, new ArrayList<>())) {
      Map<String, String> o = p.options();
      System.out.println("COIN: " + o.get("fine_tune_validation") + ", Fisher "
          + o.get("fisher_information") + ", kept " + o.get("fine_tune_outcome"));
      assertEquals("auto", o.get("fine_tune"));
      assertFisherSharesChoseTheLayers(o);
      // A fair coin: nothing to gain, tuning only fits noise of the fitting rows.
      assertEquals("frozen", o.get("fine_tune_outcome"));
      assertFalse(p.fineTuned());
      assertNull(p.tunedLayers());
      assertArrayEquals(spaceWeightsBefore, p.spaceWeights(space));
      assertTrue(warnings.stream().anyMatch(w -> w.contains("fine_tune = 'auto' kept the frozen "
          + "space")), warnings.toString());
      assertKeptTheBetterOne(o);
    }
  }

  @Test
  void fineTuneAutoReportsWhichItKeptAndKeepsTheBetterOne() {
    List<String> warnings = new ArrayList<>();
    try (Predictor p = train("LABEL", "auto", warnings, new ArrayList<>())) {
      Map<String, String> o = p.options();
      System.out.println("LABEL: " + o.get("fine_tune_validation") + ", Fisher "
          + o.get("fisher_information") + ", kept " + o.get("fine_tune_outcome"));
      assertFisherSharesChoseTheLayers(o);
      assertKeptTheBetterOne(o);
      assertEquals(o.get("fine_tune_outcome").equals("fine-tuned"), p.fineTuned());
      assertTrue(warnings.stream().anyMatch(w -> w.contains("fine_tune = 'auto' kept the")));
      try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(p))) {
        assertEquals(p.predict(space, test), loaded.predict(space, test));
      }
    }
  }

  @Test
  void autoTunesTheLayersWithAtLeastTheirShareOfFisherInformation() {
    assertEquals(List.of(1), SpaceFineTuning.chooseLayers(shares(0.2, 0.5, 0.3)));
    assertEquals(List.of(2, 0), SpaceFineTuning.chooseLayers(shares(0.4, 0.1, 0.5)));
    assertEquals(List.of(0), SpaceFineTuning.chooseLayers(shares(1.0)));
    assertEquals(List.of(0, 1), SpaceFineTuning.chooseLayers(shares(0.5, 0.5)));
  }

  private static Map<Integer, Double> shares(double... values) {
    Map<Integer, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(i, values[i]);
    }
    return m;
  }

  /** The recorded Fisher shares sum to 1 and the tuned layers are those {@code auto} picks. */
  private static void assertFisherSharesChoseTheLayers(Map<String, String> o) {
    Map<Integer, Double> shares = new LinkedHashMap<>();
    for (String part : o.get("fisher_information").split(",")) {
      String[] kv = part.split(":");
      shares.put(Integer.parseInt(kv[0]), Double.parseDouble(kv[1]));
    }
    assertEquals(2, shares.size());
    assertEquals(1.0, shares.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-3);
    assertEquals(TunedLayers.describe(SpaceFineTuning.chooseLayers(shares)),
        o.get("fine_tune_layers"));
  }

  /**
   * The validation comparison recorded agrees with the choice: fine-tuned only when its loss is
   * lower by more than the minimum gain.
   */
  private static void assertKeptTheBetterOne(Map<String, String> o) {
    String[] words = o.get("fine_tune_validation").split(" ");
    // "validation log loss A fine-tuned vs B frozen"
    List<String> list = Arrays.asList(words);
    double tuned = Double.parseDouble(list.get(list.indexOf("fine-tuned") - 1));
    double frozen = Double.parseDouble(list.get(list.indexOf("frozen") - 1));
    assertEquals(SpaceFineTuning.beats(tuned, frozen) ? "fine-tuned" : "frozen",
        o.get("fine_tune_outcome"));
  }

  private static Map<String, Integer> changedWeights(float[] used) {
    Map<String, Integer> changed = new HashMap<>();
    var layout = space.parameterLayout();
    for (String name : layout.names()) {
      int from = Math.toIntExact(layout.offset(name));
      int to = from + Math.toIntExact(layout.size(name));
      for (int i = from; i < to; i++) {
        if (used[i] != spaceWeightsBefore[i]) {
          changed.merge(name, 1, Integer::sum);
        }
      }
    }
    return changed;
  }

  private static double heldOutAuc(Predictor p) {
    return HeldOut.auc(p, space, test, "LABEL", "yes");
  }
}
