package io.rowspace.engine.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorOptions;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.store.SpaceFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Spaces and predictors train from any thread, several at once (an application server's request
 * threads, background jobs), and give the same bytes as when trained alone on the main thread.
 */
class TrainingThreadsTest {

  private static byte[][] trainBoth(Frame penguins) {
    try (EmbeddingSpace space = SpaceTrainer.train(penguins, Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "2")), TrainingMonitor.NONE);
        Predictor predictor = PredictorTrainer.train(space, penguins, "species",
            PredictorOptions.defaults(), TrainingMonitor.NONE)) {
      return new byte[][] {SpaceFormat.write(space), PredictorFormat.write(predictor)};
    }
  }

  @Test
  void twoTrainingsOnOtherThreadsAtOnceMatchOneOnTheMainThread() throws Exception {
    Frame penguins = SharedDatasets.load("penguins", "penguins");
    byte[][] alone = trainBoth(penguins);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<byte[][]> first = threads.submit(() -> trainBoth(penguins));
      Future<byte[][]> second = threads.submit(() -> trainBoth(penguins));
      for (Future<byte[][]> run : List.of(first, second)) {
        byte[][] bytes = run.get();
        assertArrayEquals(alone[0], bytes[0], "space");
        assertArrayEquals(alone[1], bytes[1], "predictor");
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
