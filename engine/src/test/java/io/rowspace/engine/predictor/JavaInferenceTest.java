package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.error.EngineException;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.nn.InferencePaths;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regression predictor, with its own fine-tuned layers of a two-layer space, predicts the same
 * values in the Java pass as in the PyTorch pass it trained with; and a predictor whose trees take
 * the whole share never runs the space.
 */
class JavaInferenceTest {

  @Test
  void aFineTunedRegressionPredictorPredictsAsItsPyTorchPass() {
    Frame rows = SyntheticRegression.rows(800, 0.5, 31);
    try (EmbeddingSpace space = SpaceTrainer.train(rows, Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "2", "layers", "2")), TrainingMonitor.NONE);
        Predictor predictor = PredictorTrainer.train(space, rows, "Y",
            PredictorOptions.fromMap(Map.of("fine_tune", "true", "trees", "false",
                "epochs", "5")), TrainingMonitor.NONE)) {
      assertTrue(predictor.fineTuned());
      List<Prediction> java = InferencePaths.with(InferencePath.JAVA,
          () -> predictor.predict(space, rows));
      List<Prediction> torch = InferencePaths.with(InferencePath.PYTORCH,
          () -> predictor.predict(space, rows));
      double worst = 0;
      for (int i = 0; i < rows.rowCount(); i++) {
        double scale = Math.max(1, Math.abs(torch.get(i).value()));
        worst = Math.max(worst, Math.abs(java.get(i).value() - torch.get(i).value()) / scale);
      }
      System.out.printf(Locale.ROOT, "fine-tuned regression, Java vs PyTorch: largest difference %.2e%n",
          worst);
      assertTrue(worst <= InferencePaths.TOLERANCE, "largest difference " + worst);
    }
  }

  @Test
  void aPredictorWhoseTreesTakeTheWholeShareDoesNotRunTheSpace() {
    Frame rows = SyntheticRegression.rows(600, 0.5, 32);
    EmbeddingSpace space = SpaceTrainer.train(rows, Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "1")), TrainingMonitor.NONE);
    try (Predictor trained = PredictorTrainer.train(space, rows, "Y",
        PredictorOptions.fromMap(Map.of("trees", "true", "epochs", "2")), TrainingMonitor.NONE);
        Predictor treesAlone = withShares(trained, 1.0);
        Predictor blended = withShares(trained, 0.5)) {
      List<Prediction> before = treesAlone.predict(space, rows);
      // A closed space has no native memory left: running it would fail.
      space.close();
      assertEquals(before, treesAlone.predict(space, rows));
      EngineException e = assertThrows(EngineException.class,
          () -> blended.predict(space, rows));
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
  }

  /** The trained predictor with its trees given {@code share} and no linear model. */
  private static Predictor withShares(Predictor p, double share) {
    TreeBlend t = p.trees;
    return p.toBuilder().optBlend(new TreeBlend(t.inputs(), t.trees(), share, 0, null, 0))
        .build();
  }
}
