package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.error.EngineException;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.nn.InferencePaths;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.predictor.train.PredictorTrainer;
import io.rowspace.engine.store.PredictorFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regression predictor, with its own fine-tuned layers of a two-layer space, predicts the same
 * values in the Java pass as in the PyTorch pass it trained with; and a predictor whose trees take
 * the whole share never runs the space. A predictor trained now reads the penultimate layer's
 * tokens and predicts a row alone as among others.
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

  /**
   * A predictor trained now reads the tokens as the space's last layer reads them, so predicting
   * runs that layer for the CLS query alone; a row predicted alone gets the bits it gets among
   * others, in either pass, and saved and loaded again the predictor still reads those tokens.
   */
  @Test
  void aNewPredictorReadsThePenultimateLayerAndARowAloneGetsItsBatchBits() {
    Frame rows = SyntheticRegression.rows(500, 0.5, 33);
    try (EmbeddingSpace space = SpaceTrainer.train(rows, Map.of(),
        SpaceOptions.fromMap(Map.of("epochs", "1", "layers", "2")), TrainingMonitor.NONE);
        Predictor predictor = PredictorTrainer.train(space, rows, "Y",
            PredictorOptions.fromMap(Map.of("trees", "false", "epochs", "3")),
            TrainingMonitor.NONE);
        Predictor loaded = PredictorFormat.read(PredictorFormat.write(predictor))) {
      assertEquals(TokenOutputs.PENULTIMATE_LAYER, predictor.headTokens());
      assertEquals(TokenOutputs.PENULTIMATE_LAYER, loaded.headTokens());
      for (InferencePath path : InferencePath.values()) {
        List<Prediction> batch = InferencePaths.with(path, () -> predictor.predict(space, rows));
        assertEquals(batch, InferencePaths.with(path, () -> loaded.predict(space, rows)), path
            + ": loaded again");
        for (int r : new int[] {0, 31, 32, rows.rowCount() - 1}) {
          Frame one = rows.rows(new int[] {r});
          assertEquals(batch.get(r), InferencePaths.with(path,
              () -> predictor.predict(space, one)).get(0), path + ": row " + r + " alone");
        }
      }
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
