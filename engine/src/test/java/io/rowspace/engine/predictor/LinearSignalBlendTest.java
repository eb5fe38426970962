package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.space.train.SpaceTrainer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A target whose log-odds are a weighted sum of twelve correlated columns, on enough rows that
 * the trees are tried too: the blend, chosen on the members' out-of-fold outputs of every
 * training row, keeps the linear model (cross-fitted, its penalty chosen on folds), ranks
 * held-out rows at least as well as the network alone, and gives the same predictions for the
 * same seed.
 */
@Tag("slow")
class LinearSignalBlendTest {
  private static final int COLUMNS = 12;

  private static Frame rows(int n, Random random) {
    List<ColumnSchema> schema = new ArrayList<>();
    for (int c = 0; c < COLUMNS; c++) {
      schema.add(new ColumnSchema("X" + c, Types.DOUBLE, "DOUBLE"));
    }
    schema.add(new ColumnSchema("LABEL", Types.VARCHAR, "VARCHAR"));
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[COLUMNS + 1];
      double shared = random.nextGaussian();
      double score = 0;
      for (int c = 0; c < COLUMNS; c++) {
        double x = 0.5 * shared + random.nextGaussian();
        row[c] = x;
        score += (c % 3 == 0 ? 0.6 : c % 3 == 1 ? -0.4 : 0.2) * x;
      }
      row[COLUMNS] = random.nextDouble() < 1 / (1 + Math.exp(-score)) ? "yes" : "no";
      out.add(row);
    }
    return Frame.ofRows(schema, out);
  }

  @Test
  void aLinearSignalKeepsTheLinearModelInTheBlendDeterministically() {
    Frame train = rows(1500, new Random(41));
    Frame test = rows(3000, new Random(42));
    PredictorGuardsTest.Recorder monitor = new PredictorGuardsTest.Recorder();
    try (EmbeddingSpace space = SpaceTrainer.train(train, Map.of(), SpaceOptions.fromMap(
            Map.of("d_model", "16", "layers", "1", "epochs", "4")), TrainingMonitor.NONE);
        Predictor blended = PredictorTrainer.train(space, train, "LABEL",
            PredictorOptions.defaults(), monitor);
        Predictor again = PredictorTrainer.train(space, train, "LABEL",
            PredictorOptions.defaults(), TrainingMonitor.NONE);
        Predictor network = PredictorTrainer.train(space, train, "LABEL",
            PredictorOptions.fromMap(Map.of("trees", "false")), TrainingMonitor.NONE)) {
      Map<String, String> options = blended.resolvedOptions();
      double withLinear = HeldOut.auc(blended, space, test, "LABEL", "yes");
      double alone = HeldOut.auc(network, space, test, "LABEL", "yes");
      System.out.printf(Locale.ROOT, "linear signal on 1500 rows: held-out AUC %.4f network "
          + "alone, %.4f blended (linear share %s, tree share %s, penalty %s, %s)%n", alone,
          withLinear, options.get("linear_share"), options.get("tree_share"),
          options.get("linear_penalty"), options.get("blend_validation"));
      assertTrue(!options.containsKey("tree_skipped"), "enough validation rows for trees");
      assertTrue(Double.parseDouble(options.get("linear_share")) > 0, options.toString());
      assertTrue(options.containsKey("linear_penalty"), options.toString());
      assertEquals("out_of_fold", options.get("blend_chosen_on"),
          "1,500 rows: the shares are chosen on every training row's out-of-fold outputs");
      assertTrue(withLinear >= alone - 0.002, withLinear + " vs " + alone);
      assertEquals(blended.predict(space, test), again.predict(space, test),
          "the same seed gives the same predictions");
    }
  }
}
