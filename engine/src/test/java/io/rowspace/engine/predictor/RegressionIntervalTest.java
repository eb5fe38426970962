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
import io.rowspace.testsupport.TrainTestSplit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A user predicts diamond prices: every prediction comes with a 90% interval and a standard
 * deviation, and on rows the predictor never saw about 90% of the real prices fall inside their
 * interval, as the coverage reported on the validation rows says.
 */
class RegressionIntervalTest {

  @Test
  void ninetyPercentIntervalsCoverHeldOutDiamondPrices() {
    Frame diamonds = SharedDatasets.load("diamonds", "diamonds");
    int[] sample = TrainTestSplit.of(diamonds.rowCount(), 2400.0 / diamonds.rowCount(),
        new Random(5)).test();
    Frame rows = diamonds.rows(sample);
    TrainTestSplit split = TrainTestSplit.of(rows.rowCount(), 1.0 / 3, new Random(6));
    Frame train = rows.rows(split.train());
    Frame test = rows.rows(split.test());
    long t0 = System.nanoTime();
    try (EmbeddingSpace space = SpaceTrainer.train(rows, Map.of(),
        SpaceOptions.fromMap(Map.of("d_model", "32", "layers", "1", "epochs", "8")),
        TrainingMonitor.NONE)) {
      long t1 = System.nanoTime();
      try (Predictor predictor = PredictorTrainer.train(space, train, "price",
          PredictorOptions.defaults(), TrainingMonitor.NONE)) {
        long t2 = System.nanoTime();
        assertEquals(Task.REGRESSION, predictor.task());
        List<Prediction> predictions = predictor.predict(space, test);
        int price = test.indexOf("price");
        int covered = 0;
        for (int i = 0; i < test.rowCount(); i++) {
          Prediction p = predictions.get(i);
          assertTrue(p.lower() < p.value() && p.value() < p.upper(), p.toString());
          assertTrue(p.std() > 0, p.toString());
          double actual = ((Number) test.value(i, price)).doubleValue();
          if (actual >= p.lower() && actual <= p.upper()) {
            covered++;
          }
        }
        double coverage = covered / (double) test.rowCount();
        PredictorMetrics m = predictor.metrics();
        System.out.printf(Locale.ROOT, "diamonds (%d rows): space %.1fs, predictor %.1fs, R2 %.3f, RMSE %.0f, "
            + "validation interval coverage %.3f, held-out coverage %.3f (%d rows)%n",
            rows.rowCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, m.r2(), m.rmse(),
            m.intervalCoverage(), coverage, test.rowCount());
        assertTrue(coverage >= 0.85 && coverage <= 0.95, "held-out coverage " + coverage);
        assertTrue(m.intervalCoverage() >= 0.85 && m.intervalCoverage() <= 0.95,
            "validation coverage " + m.intervalCoverage());
        assertTrue(m.r2() > 0.8, "R2 " + m.r2());

        try (Predictor loaded = PredictorFormat.read(PredictorFormat.write(predictor))) {
          assertEquals(predictions, loaded.predict(space, test));
          assertEquals(m, loaded.metrics());
        }
      }
    }
  }
}
