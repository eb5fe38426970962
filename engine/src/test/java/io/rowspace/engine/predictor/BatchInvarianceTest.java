package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A row's prediction and embedding are the same bits whether it is evaluated alone or in a batch
 * of any size, at any position: what a query evaluated in batches returns equals what single-row
 * calls return.
 */
class BatchInvarianceTest {

  @Test
  void aRowGetsIdenticalResultsAloneAndInBatchesOfAnySize() {
    Frame frame = SyntheticRegression.rows(2500, 1.0, 11);
    try (EmbeddingSpace space = SpaceTrainer.train(frame, Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "2")), TrainingMonitor.NONE);
        Predictor predictor = PredictorTrainer.train(space, frame, "Y",
            PredictorOptions.defaults(), TrainingMonitor.NONE)) {
      // 2,500 rows: chunks of 2,048 (predictor) and 1,024 (space) plus partial last chunks.
      List<Prediction> all = predictor.predict(space, frame);
      float[][] vectors = space.embed(frame, Set.of());
      int[] sizes = {1, 2, 3, 5, 7, 9, 13, 100, 1023};
      int[] offsets = {0, 1029, 2499};
      for (int size : sizes) {
        for (int offset : offsets) {
          int from = Math.min(offset, frame.rowCount() - size);
          int[] indices = new int[size];
          for (int r = 0; r < size; r++) {
            indices[r] = from + r;
          }
          Frame part = frame.rows(indices);
          List<Prediction> predictions = predictor.predict(space, part);
          float[][] partVectors = space.embed(part, Set.of());
          for (int r = 0; r < size; r++) {
            String where = "row " + (from + r) + " in a batch of " + size;
            assertEquals(all.get(from + r), predictions.get(r), where);
            assertArrayEquals(vectors[from + r], partVectors[r], where);
          }
        }
      }
    }
  }
}
