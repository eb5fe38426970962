package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.predictor.train.PredictorTrainer;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
      System.out.printf(Locale.ROOT, "penguins: validation accuracy %.3f (majority class %.3f)%n",
          m.accuracy(), majority);
      assertEquals("accuracy", m.metric());
      assertTrue(m.accuracy() > majority + 0.25, "accuracy " + m.accuracy());
      List<Prediction> predictions = predictor.predict(space, penguins);
      assertEquals(penguins.rowCount(), predictions.size());
      assertEquals(3, predictions.get(0).probabilities().size());

      try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(predictor))) {
        assertEquals(predictions, loaded.predict(space, penguins));
        assertEquals(predictor.metrics(), loaded.metrics());
      }
    }
  }

  @Test
  void regressionOnSyntheticDataExplainsVariance() {
    Frame frame = SyntheticRegression.rows(600, 0.3, 3);
    try (EmbeddingSpace space = SpaceTrainer.train(frame, Map.of(), SpaceOptions.defaults(),
        TrainingMonitor.NONE);
        Predictor predictor = PredictorTrainer.train(space, frame, "Y",
            PredictorOptions.defaults(), TrainingMonitor.NONE)) {
      assertEquals(Task.REGRESSION, predictor.task());
      PredictorMetrics m = predictor.metrics();
      System.out.printf(Locale.ROOT, "synthetic regression: validation R2 %.3f, RMSE %.3f%n", m.r2(), m.rmse());
      assertEquals("rmse", m.metric());
      assertTrue(m.r2() > 0.5, "R2 " + m.r2());
      Prediction p = predictor.predict(space, frame.rows(new int[] {0})).get(0);
      assertEquals(null, p.label());
      assertTrue(p.probabilities().isEmpty());
    }
  }
}
