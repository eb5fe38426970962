package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.predictor.train.PredictorTrainer;

import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The shape of psid's gender: a rare class that follows a weighted sum of many columns, on few
 * rows, too few of the rare class among the validation rows to early-stop trees on. The
 * predictor skips the trees, mixes in the linear model, and ranks held-out rows better than the
 * network alone.
 */
class LinearBlendTest {
  private static final int COLUMNS = 8;

  private static Frame rows(int n, Random random) {
    List<ColumnSchema> schema = new ArrayList<>();
    for (int c = 0; c < COLUMNS; c++) {
      schema.add(new ColumnSchema("X" + c, Types.DOUBLE, "DOUBLE"));
    }
    schema.add(new ColumnSchema("RARE", Types.VARCHAR, "VARCHAR"));
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[COLUMNS + 1];
      double score = -2.5;
      for (int c = 0; c < COLUMNS; c++) {
        double x = random.nextGaussian();
        row[c] = x;
        score += (c % 2 == 0 ? 0.7 : -0.5) * x;
      }
      row[COLUMNS] = random.nextDouble() < 1 / (1 + Math.exp(-score)) ? "yes" : "no";
      out.add(row);
    }
    return Frame.ofRows(schema, out);
  }

  @Test
  void aLinearTargetOnFewRowsTakesTheLinearModel() {
    Frame train = rows(600, new Random(31));
    Frame test = rows(3000, new Random(32));
    PredictorGuardsTest.Recorder monitor = new PredictorGuardsTest.Recorder();
    try (EmbeddingSpace space = SpaceTrainer.train(train, Map.of(), SpaceOptions.fromMap(
            Map.of("d_model", "16", "layers", "1", "epochs", "6")), TrainingMonitor.NONE);
        Predictor blended = PredictorTrainer.train(space, train, "RARE",
            PredictorOptions.defaults(), monitor);
        Predictor network = PredictorTrainer.train(space, train, "RARE",
            PredictorOptions.fromMap(Map.of("trees", "false")), TrainingMonitor.NONE)) {
      double withLinear = HeldOut.auc(blended, space, test, "RARE", "yes");
      double alone = HeldOut.auc(network, space, test, "RARE", "yes");
      System.out.printf(Locale.ROOT, "linear target on 600 rows: held-out AUC %.4f network alone, %.4f "
          + "blended (linear share %s)%n", alone, withLinear,
          blended.resolvedOptions().get("linear_share"));
      assertTrue(blended.resolvedOptions().containsKey("tree_skipped"), "too few for trees");
      assertTrue(Double.parseDouble(blended.resolvedOptions().get("linear_share")) > 0,
          blended.resolvedOptions().toString());
      assertEquals(null, blended.trees.trees(), "no boosted trees");
      assertTrue(withLinear > alone + 0.005, withLinear + " vs " + alone);
      assertTrue(monitor.warnings.stream().anyMatch(w -> w.startsWith("Predictor of 'RARE': "
          + "mixed a linear model at a share of ")), monitor.warnings.toString());
      try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(blended))) {
        assertEquals(blended.predict(space, test), loaded.predict(space, test));
      }
    }
  }
}
