package io.rowspace.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.predictor.HeadNetwork;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.predictor.PredictorHead;
import io.rowspace.engine.predictor.SpaceFeatures;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.error.EngineException;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A predictor saved by an older Rowspace keeps loading: {@code predictor-v1.bin} was written by
 * the first predictor format (before calibration methods, intervals and input statistics) and
 * loads with temperature calibration and its original metrics; {@code predictor-v2.bin} (before
 * the head's name was saved) loads as the MLP it is and computes the outputs it computed then;
 * {@code predictor-v5-trees.bin} (trees over the embedding and the columns, before the target
 * transform and the linear model were saved) predicts what it predicted when saved, with
 * {@code predictor-v5-trees.space.bin}, on the rows {@link #churnRows} gives, its network
 * reading the space's last layer (saved again, in the current format, it still does); so does
 * {@code predictor-v9-network.bin}, a network alone, the last format before predictors read the
 * tokens as the last layer reads them.
 */
class PredictorFormatTest {

  @Test
  void versionOnePredictorStillLoads() throws IOException {
    byte[] v1;
    try (InputStream in = PredictorFormatTest.class.getResourceAsStream("predictor-v1.bin")) {
      v1 = in.readAllBytes();
    }
    assertEquals(1, v1[4]);
    try (Predictor p = PredictorFormat.read(v1)) {
      assertEquals(Task.BINARY, p.task());
      assertEquals(List.of("no", "yes"), p.classes());
      assertEquals("yes", p.positiveLabel());
      assertEquals(List.of("A", "B"), p.inputColumns());
      assertEquals("temperature", p.calibration());
      assertEquals(0.696490647600411, p.temperature());
      assertEquals(0.6868728286479738, p.threshold());
      assertEquals(0.8733333333333333, p.metrics().auc());
      assertEquals(40, p.metrics().validationRows());
      assertTrue(Double.isNaN(p.metrics().intervalCoverage()));
      assertTrue(p.globalImportance().isEmpty(), "measured only from format 9 on");

      byte[] v2 = PredictorFormat.write(p);
      assertEquals(PredictorFormat.VERSION, v2[4]);
      try (Predictor again = PredictorFormat.read(v2)) {
        assertEquals(p.metrics(), again.metrics());
        assertEquals(p.temperature(), again.temperature());
      }
    }
  }

  @Test
  void versionTwoPredictorLoadsAsAnMlpWithItsOriginalOutputs() throws IOException {
    byte[] v2;
    try (InputStream in = PredictorFormatTest.class.getResourceAsStream("predictor-v2.bin")) {
      v2 = in.readAllBytes();
    }
    assertEquals(2, v2[4]);
    try (Predictor p = PredictorFormat.read(v2)) {
      assertEquals("mlp", p.options().get("head"));
      assertEquals("mlp", p.head().name());
      assertEquals(PredictorHead.mlp(40, 64, 2).description(), p.head().description());
      assertEquals(40, p.head().inputs());
      assertEquals("temperature", p.calibration());
      assertEquals(0.4185134343890894, p.threshold());
      float[] x = new float[2 * 40];
      for (int i = 0; i < 40; i++) {
        x[i] = 0.1f * (i % 7) - 0.3f;
        x[40 + i] = -0.05f * (i % 5);
      }
      // Outputs of these features when the file was written, by the version 2 engine.
      float[] expected = {-0.022427553f, 0.056685206f, -0.037642036f, -0.028395906f};
      try (HeadNetwork network = new HeadNetwork(p.head(), p.parameterValues())) {
        assertArrayEquals(expected, network.outputs(new SpaceFeatures(x, 2, 40, Map.of())),
            1e-6f);
      }

      try (Predictor again = PredictorFormat.read(PredictorFormat.write(p))) {
        assertEquals(p.head().description(), again.head().description());
        assertArrayEquals(p.parameterValues(), again.parameterValues());
      }
    }
  }

  @Test
  void newerFormatFailsWithAClearMessage() throws IOException {
    byte[] bytes;
    try (InputStream in = PredictorFormatTest.class.getResourceAsStream("predictor-v1.bin")) {
      bytes = in.readAllBytes();
    }
    bytes[4] = (byte) (PredictorFormat.VERSION + 1);
    byte[] future = bytes;
    EngineException e = assertThrows(EngineException.class, () -> PredictorFormat.read(future));
    assertTrue(e.getMessage().contains("format version " + (PredictorFormat.VERSION + 1)
        + " is newer than this engine reads"),
        e.getMessage());
  }

  @Test
  void versionFivePredictorWithTreesOverTheEmbeddingPredictsAsWhenSaved() throws IOException {
    byte[] bytes = resource("predictor-v5-trees.bin");
    assertEquals(5, bytes[4]);
    List<String> expected = List.of(new String(resource("predictor-v5-trees.expected.csv"),
        StandardCharsets.UTF_8).split("\n"));
    try (EmbeddingSpace space = SpaceFormat.read(resource("predictor-v5-trees.space.bin"));
         Predictor p = PredictorFormat.read(bytes)) {
      assertEquals(8, p.blend().embeddingWidth(), "its trees read the 8 embedding features");
      assertTrue(p.globalImportance().isEmpty(), "format 5 has no global importance");
      assertEquals(TokenOutputs.LAST_LAYER, p.headTokens(),
          "before format 10 the network read the last layer's token outputs");
      List<Prediction> predicted = p.predict(space, churnRows(50, new Random(6)));
      assertEquals(expected.size(), predicted.size());
      for (int i = 0; i < predicted.size(); i++) {
        String[] saved = expected.get(i).split(",");
        assertEquals(saved[0], predicted.get(i).label(), "row " + i);
        assertEquals(Double.parseDouble(saved[1]), predicted.get(i).probabilities().get("yes"),
            1e-9, "row " + i);
      }
      try (Predictor again = PredictorFormat.read(PredictorFormat.write(p))) {
        assertEquals(predicted, again.predict(space, churnRows(50, new Random(6))),
            "saved again in the current format");
        assertTrue(again.globalImportance().isEmpty(), "still none after saving again");
        assertEquals(TokenOutputs.LAST_LAYER, again.headTokens());
      }
    }
  }

  /**
   * {@code predictor-v9-network.bin} was written by the engine of format 9 (commit fe0b753): a
   * network alone ({@code trees = false}, 3 epochs, seed 9) on a two-layer space of {@code d_model}
   * 8 (1 epoch, seed 9), both trained on {@code churnRows(600, new Random(9))}; its predictions
   * of {@code churnRows(50, new Random(10))} are in {@code predictor-v9-network.expected.csv}. Its
   * network reads the last layer's token outputs, so it still runs the whole pass and predicts
   * what it predicted then; read as a predictor of format 10 reads, it would not.
   */
  @Test
  void versionNinePredictorStillReadsTheLastLayerAndPredictsAsWhenSaved() throws IOException {
    byte[] bytes = resource("predictor-v9-network.bin");
    assertEquals(9, bytes[4]);
    List<String> expected = List.of(new String(resource("predictor-v9-network.expected.csv"),
        StandardCharsets.UTF_8).split("\n"));
    Frame rows = churnRows(50, new Random(10));
    try (EmbeddingSpace space = SpaceFormat.read(resource("predictor-v9-network.space.bin"));
         Predictor p = PredictorFormat.read(bytes);
         Predictor misread = p.toBuilder().setHeadTokens(TokenOutputs.PENULTIMATE_LAYER).build()) {
      assertEquals(Map.of("network", 1.0), p.blendShares());
      assertEquals(TokenOutputs.LAST_LAYER, p.headTokens());
      List<Prediction> predicted = p.predict(space, rows);
      assertEquals(expected.size(), predicted.size());
      for (int i = 0; i < predicted.size(); i++) {
        String[] saved = expected.get(i).split(",");
        assertEquals(saved[0], predicted.get(i).label(), "row " + i);
        assertEquals(Double.parseDouble(saved[1]), predicted.get(i).probabilities().get("yes"),
            1e-9, "row " + i);
      }
      List<Prediction> fromOtherTokens = misread.predict(space, rows);
      assertTrue(!predicted.equals(fromOtherTokens),
          "the penultimate layer's tokens give other predictions");
      try (Predictor again = PredictorFormat.read(PredictorFormat.write(p))) {
        assertEquals(PredictorFormat.VERSION, PredictorFormat.write(p)[4]);
        assertEquals(TokenOutputs.LAST_LAYER, again.headTokens());
        assertEquals(predicted, again.predict(space, rows), "saved again in the current format");
      }
    }
  }

  /** The rows the version-5 fixture was trained (seed 5, 3,000 rows) and measured (seed 6) on. */
  private static Frame churnRows(int n, Random random) {
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("MINUTES", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("CALLS", Types.INTEGER, "INTEGER"),
        new ColumnSchema("PLAN", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("LEAVES", Types.VARCHAR, "VARCHAR"));
    String[] plans = {"basic", "plus", "family"};
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double minutes = 180 + 55 * random.nextGaussian();
      int calls = random.nextInt(8);
      String plan = plans[random.nextInt(3)];
      boolean leaves = minutes > 264 || (calls >= 4 && plan.equals("basic"));
      out.add(new Object[] {minutes, calls, plan, leaves ? "yes" : "no"});
    }
    return Frame.ofRows(schema, out);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PredictorFormatTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
