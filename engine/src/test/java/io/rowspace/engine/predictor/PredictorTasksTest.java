package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;

import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Multiclass and regression predictors learn something real; predictors survive saving. */
class PredictorTasksTest {

  @Test
  void multiclassSpeciesOfPenguinsBeatsTheMajorityClass() {
    Frame penguins = SharedDatasets.load("penguins", "penguins");
    try (EmbeddingSpace space = SpaceTrainer.train(penguins, Map.of(), SpaceOptions.defaults(),
        TrainingMonitor.NONE);
        Predictor predictor = PredictorTrainer.train(space, penguins, "species",
            PredictorOptions.defaults(), TrainingMonitor.NONE)) {
      assertEquals(Task.MULTICLASS, predictor.task());
      assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), predictor.classes());
      double majority = Collections.max(predictor.classDistribution().values());
      PredictorMetrics m = predictor.metrics();
      System.out.printf("penguins: validation accuracy %.3f (majority class %.3f)%n",
          m.accuracy(), majority);
      assertEquals("accuracy", m.metric());
      assertTrue(m.accuracy() > majority + 0.25, "accuracy " + m.accuracy());
      List<Prediction> predictions = predictor.predict(space, penguins);
      assertEquals(penguins.rowCount(), predictions.size());
      assertEquals(3, predictions.get(0).probabilities().size());

      try (Predictor loaded = Predictor.fromBytes(predictor.toBytes())) {
        assertEquals(predictions, loaded.predict(space, penguins));
        assertEquals(predictor.metrics(), loaded.metrics());
      }
    }
  }

  @Test
  void regressionOnSyntheticDataExplainsVariance() {
    Random random = new Random(3);
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("X1", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("X2", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("KIND", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("Y", Types.DOUBLE, "DOUBLE"));
    List<Object[]> rows = new ArrayList<>();
    String[] kinds = {"a", "b", "c"};
    for (int i = 0; i < 600; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      int k = random.nextInt(3);
      double y = 3 * x1 - 2 * x2 + 4 * k + 0.3 * random.nextGaussian();
      rows.add(new Object[] {x1, x2, kinds[k], y});
    }
    Frame frame = Frame.ofRows(schema, rows);
    try (EmbeddingSpace space = SpaceTrainer.train(frame, Map.of(), SpaceOptions.defaults(),
        TrainingMonitor.NONE);
        Predictor predictor = PredictorTrainer.train(space, frame, "Y",
            PredictorOptions.defaults(), TrainingMonitor.NONE)) {
      assertEquals(Task.REGRESSION, predictor.task());
      PredictorMetrics m = predictor.metrics();
      System.out.printf("synthetic regression: validation R2 %.3f, RMSE %.3f%n", m.r2(), m.rmse());
      assertEquals("rmse", m.metric());
      assertTrue(m.r2() > 0.5, "R2 " + m.r2());
      Prediction p = predictor.predict(space, frame.rows(new int[] {0})).get(0);
      assertEquals(null, p.label());
      assertTrue(p.probabilities().isEmpty());
    }
  }
}
