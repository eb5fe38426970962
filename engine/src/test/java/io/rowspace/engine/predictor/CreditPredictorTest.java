package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.testsupport.RocAuc;
import io.rowspace.testsupport.TrainTestSplit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;

/**
 * A user creates a space over every column of credit_data (the target {@code status} included),
 * then a predictor of {@code status}; on a held-out quarter of the rows its AUC is close to a
 * logistic regression fitted on the same rows.
 */
@Tag("slow")
class CreditPredictorTest {

  @Test
  void predictorOnCreditDataMatchesLogisticRegression() {
    Frame all = SharedDatasets.load("credit_data", "credit_data");
    assertEquals(4454, all.rowCount());
    TrainTestSplit split = TrainTestSplit.of(all.rowCount(), 0.25, new Random(7));
    Frame train = all.rows(split.train());
    Frame test = all.rows(split.test());

    long t0 = System.nanoTime();
    try (EmbeddingSpace space = SpaceTrainer.train(all, Map.of(), SpaceOptions.defaults(),
        TrainingMonitor.NONE)) {
      double spaceSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      try (Predictor predictor = PredictorTrainer.train(space, train, "status",
          PredictorOptions.defaults(), TrainingMonitor.NONE)) {
        double predictorSeconds = (System.nanoTime() - t1) / 1e9;
        assertEquals(Task.BINARY, predictor.task());
        assertEquals("bad", predictor.positiveLabel());
        assertTrue(!predictor.inputColumns().contains("status"));

        List<Prediction> predictions = predictor.predict(space, test);
        assertEquals(test.rowCount(), predictions.size());
        int statusColumn = test.indexOf("status");
        List<Double> scores = new ArrayList<>();
        List<Boolean> bad = new ArrayList<>();
        for (int i = 0; i < test.rowCount(); i++) {
          Object status = test.value(i, statusColumn);
          if (status != null) {
            scores.add(predictions.get(i).probabilities().get("bad"));
            bad.add(status.equals("bad"));
          }
        }
        double auc = RocAuc.of(scores, bad);
        double baseline = LogisticRegressionBaseline.testAuc(train, test, "status", "bad");
        System.out.printf(Locale.ROOT, "credit_data: space %.1fs (%d epochs), predictor %.1fs, AUC %.4f, "
            + "logistic regression AUC %.4f, validation AUC %.4f, validation ECE %.4f "
            + "(uncalibrated %s), calibration %s, threshold %.3f%n", spaceSeconds,
            space.epochs(), predictorSeconds, auc, baseline, predictor.metrics().auc(),
            predictor.metrics().calibrationError(),
            predictor.options().get("calibration_error_uncalibrated"), predictor.calibration(),
            predictor.threshold());
        assertTrue(baseline > 0.75, "baseline sanity: " + baseline);
        assertTrue(auc >= baseline - 0.05,
            "predictor AUC " + auc + " is not within 0.05 of logistic regression " + baseline);
      }
    }
  }
}
