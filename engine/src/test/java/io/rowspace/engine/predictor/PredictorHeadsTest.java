package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.nn.InferencePaths;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.testsupport.RocAuc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Option {@code head} trains a different network: on rows whose label depends on an interaction
 * alone (SAME is "yes" with probability sigmoid(3 * X1 * X2), so neither column says anything by
 * itself), every head finds it on held-out rows, the interaction heads about as well as the MLP,
 * and every head saves, loads and re-trains bit for bit.
 */
class PredictorHeadsTest {
  private static final List<String> HEADS = List.of("mlp", "crossnet", "lowrank_cross",
      "gated_interactions");
  /**
   * How far below the MLP's held-out AUC an interaction head may land: the heads are judged on
   * the same 2,000 rows, where the AUC's own sampling error is about 0.01.
   */
  private static final double MARGIN = 0.02;
  /** Epochs of every predictor here: enough for the MLP to reach its early-stopping plateau. */
  private static final String EPOCHS = "60";

  private static Frame train;
  private static Frame test;
  private static EmbeddingSpace space;
  private static final Map<String, Predictor> PREDICTORS = new LinkedHashMap<>();
  private static final Map<String, Double> HELD_OUT_AUC = new LinkedHashMap<>();
  /** The AUC of the true probabilities on the held-out rows: no model can do better. */
  private static double bestPossibleAuc;

  @BeforeAll
  static void trainOnePredictorPerHead() {
    space = SpaceTrainer.train(rows(1000, new Random(21)), Map.of(),
        SpaceOptions.fromMap(Map.of("d_model", "16", "layers", "1", "epochs", "8")),
        TrainingMonitor.NONE);
    train = rows(2000, new Random(22));
    test = rows(2000, new Random(23));
    double[] truth = new double[test.rowCount()];
    boolean[] positive = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = probability((Double) test.value(i, 0), (Double) test.value(i, 1));
      positive[i] = test.value(i, test.indexOf("SAME")).equals("yes");
    }
    bestPossibleAuc = RocAuc.of(truth, positive);
    System.out.printf(Locale.ROOT, "best possible held-out AUC %.3f%n", bestPossibleAuc);
    for (String head : HEADS) {
      long start = System.nanoTime();
      Predictor p = PredictorTrainer.train(space, train, "SAME",
          PredictorOptions.fromMap(Map.of("head", head, "epochs", EPOCHS)), TrainingMonitor.NONE);
      PREDICTORS.put(head, p);
      HELD_OUT_AUC.put(head, heldOutAuc(p));
      System.out.printf(Locale.ROOT, "head %-18s held-out AUC %.3f, validation AUC %.3f, %d weights, %.1f s%n",
          head, HELD_OUT_AUC.get(head), p.metrics().auc(), p.parameterValues.length,
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static double probability(double x1, double x2) {
    return 1 / (1 + Math.exp(-3 * x1 * x2));
  }

  /** X1 and X2 decide SAME only together; NOISE and GROUP_NAME are unrelated. */
  private static Frame rows(int n, Random random) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("X1", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("X2", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("NOISE", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("GROUP_NAME", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("SAME", Types.VARCHAR, "VARCHAR"));
    String[] groups = {"north", "south", "east"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      rows.add(new Object[] {x1, x2, random.nextGaussian(), groups[random.nextInt(3)],
          random.nextDouble() < probability(x1, x2) ? "yes" : "no"});
    }
    return Frame.ofRows(schema, rows);
  }

  private static double heldOutAuc(Predictor p) {
    return HeldOut.auc(p, space, test, "SAME", "yes");
  }

  @AfterAll
  static void close() {
    PREDICTORS.values().forEach(Predictor::close);
    space.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "crossnet", "lowrank_cross", "gated_interactions"})
  void everyHeadFindsTheInteractionAndRecordsItsName(String head) {
    Predictor p = PREDICTORS.get(head);
    assertEquals(head, p.options().get("head"));
    // Chance is 0.5: each head must close most of the gap to the best possible AUC.
    double floor = 0.5 + 0.75 * (bestPossibleAuc - 0.5);
    assertTrue(HELD_OUT_AUC.get(head) > floor, head + ": held-out AUC " + HELD_OUT_AUC.get(head)
        + ", best possible " + bestPossibleAuc);
  }

  @Test
  void interactionHeadsDoAtLeastAsWellAsTheMlp() {
    double mlp = HELD_OUT_AUC.get("mlp");
    for (String head : List.of("crossnet", "lowrank_cross", "gated_interactions")) {
      assertTrue(HELD_OUT_AUC.get(head) >= mlp - MARGIN,
          head + ": held-out AUC " + HELD_OUT_AUC.get(head) + " vs the MLP's " + mlp);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "crossnet", "lowrank_cross", "gated_interactions"})
  void everyHeadPredictsInJavaAsItsPyTorchPass(String head) {
    Predictor p = PREDICTORS.get(head);
    float[] java = InferencePaths.with(InferencePath.JAVA, () -> outputs(p));
    float[] torch = InferencePaths.with(InferencePath.PYTORCH, () -> outputs(p));
    double difference = InferencePaths.relativeDifference(java, torch);
    System.out.printf(Locale.ROOT, "head %-18s Java vs PyTorch: largest relative difference %.2e%n", head,
        difference);
    assertTrue(difference <= InferencePaths.TOLERANCE, head + ": " + difference);
  }

  /** The predictor's raw outputs (network and members blended) on the held-out rows. */
  private static float[] outputs(Predictor p) {
    SpaceFeatures f = p.features(space, test, java.util.Set.of("SAME"));
    f.standardise(p.featureMean, p.featureStd);
    return p.outputs(f);
  }

  @Test
  void theDefaultHeadIsTheMlp() {
    assertEquals("mlp", PredictorOptions.defaults().head().text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"crossnet", "lowrank_cross", "gated_interactions"})
  void aSavedPredictorPredictsAndExplainsTheSameAfterLoading(String head) {
    Predictor p = PREDICTORS.get(head);
    Frame some = test.rows(new int[] {0, 1, 2, 3, 4});
    try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(p))) {
      assertEquals(head, loaded.options().get("head"));
      assertEquals(p.predict(space, test), loaded.predict(space, test));
      assertEquals(p.explain(space, some), loaded.explain(space, some));
      assertArrayEquals(PredictorFormat.write(p), PredictorFormat.write(loaded));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"crossnet", "lowrank_cross", "gated_interactions"})
  void theSameSeedGivesTheSameBytes(String head) {
    // Fewer epochs than the predictors above: the point is the bytes, not the accuracy.
    Frame some = train.rows(java.util.stream.IntStream.range(0, 600).toArray());
    PredictorOptions options = PredictorOptions.fromMap(Map.of("head", head, "epochs", "8",
        "seed", "5"));
    try (Predictor first = PredictorTrainer.train(space, some, "SAME", options,
        TrainingMonitor.NONE);
        Predictor second = PredictorTrainer.train(space, some, "SAME", options,
            TrainingMonitor.NONE)) {
      assertArrayEquals(PredictorFormat.write(first), PredictorFormat.write(second));
    }
  }
}
