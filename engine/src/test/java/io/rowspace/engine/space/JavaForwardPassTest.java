package io.rowspace.engine.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.rowspace.engine.nn.InferencePaths.TOLERANCE;
import static io.rowspace.engine.nn.InferencePaths.relativeDifference;
import static io.rowspace.engine.nn.InferencePaths.with;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.space.train.SpaceTrainer;
import io.rowspace.engine.store.SpaceFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Java forward pass a space embeds rows with at inference computes what training's PyTorch
 * pass computes, to float rounding, on trained spaces with and without a related table, one and
 * two layers, columns masked or not; a row gets the same bits alone as in a batch, and the same
 * with the scalar matrix kernel as with the SIMD one. Embedding rows without the tokens' outputs
 * (the last layer run for the CLS query alone) gives the bits of the full pass's CLS output and
 * embedding; so does the pass that gives, beside them, the tokens as the last layer reads them
 * (what predictors read), whose tokens are PyTorch's to float rounding.
 */
class JavaForwardPassTest {
  @Test
  void aSpaceOverARelatedTableEmbedsAsInTraining() {
    Frame rows = RelatedTablesSpaceTest.customers(300, 5);
    try (EmbeddingSpace space = SpaceTrainer.train(rows, Map.of("ID", "row key"),
        SpaceOptions.fromMap(Map.of("epochs", "2", "layers", "2", "d_model", "48")),
        TrainingMonitor.NONE)) {
      assertEquals(1, space.relations().size());
      assertSamePasses(space, rows, Set.of());
      assertSamePasses(space, rows, Set.of("SEGMENT"));
      assertSamePasses(space, rows, Set.of("VISITS"));
      assertRowsAloneEqualTheBatch(space, rows);
      assertEmbeddingsAloneEqualTheFullPass(space, rows, Set.of());
      assertEmbeddingsAloneEqualTheFullPass(space, rows, Set.of("SEGMENT"));
      assertPenultimateTokensAsInTraining(space, rows, Set.of("SEGMENT"));
    }
  }

  @Test
  void aSpaceOverOneTableEmbedsAsInTraining() {
    Frame related = RelatedTablesSpaceTest.customers(300, 6);
    List<Object[]> values = new ArrayList<>();
    for (int r = 0; r < related.rowCount(); r++) {
      Object[] row = new Object[related.columns().size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = related.value(r, c);
      }
      values.add(row);
    }
    Frame rows = Frame.ofRows(related.columns(), values);
    try (EmbeddingSpace space = SpaceTrainer.train(rows, Map.of("ID", "row key"),
        SpaceOptions.fromMap(Map.of("epochs", "2")), TrainingMonitor.NONE)) {
      assertEquals(0, space.relations().size());
      assertSamePasses(space, rows, Set.of());
      assertSamePasses(space, rows, Set.of("AGE"));
      assertRowsAloneEqualTheBatch(space, rows);
      assertEmbeddingsAloneEqualTheFullPass(space, rows, Set.of("AGE"));
      assertPenultimateTokensAsInTraining(space, rows, Set.of("AGE"));
      assertScalarKernelGivesTheSameBits(space, rows);
    }
  }

  /** A JVM without the Vector API (the scalar matrix kernel) embeds rows to the same bits. */
  private static void assertScalarKernelGivesTheSameBits(EmbeddingSpace space, Frame rows) {
    Representation simd = with(InferencePath.JAVA, () -> space.represent(rows, Set.of(), true));
    String before = System.getProperty("rowspace.simd");
    System.setProperty("rowspace.simd", "false");
    try (EmbeddingSpace loaded = SpaceFormat.read(SpaceFormat.write(space))) {
      Representation scalar = with(InferencePath.JAVA,
          () -> loaded.represent(rows, Set.of(), true));
      for (int r = 0; r < rows.rowCount(); r++) {
        assertArrayEquals(simd.embeddings()[r], scalar.embeddings()[r], "row " + r);
        assertArrayEquals(simd.context()[r], scalar.context()[r], "row " + r);
      }
    } finally {
      if (before == null) {
        System.clearProperty("rowspace.simd");
      } else {
        System.setProperty("rowspace.simd", before);
      }
    }
  }

  private static void assertSamePasses(EmbeddingSpace space, Frame rows, Set<String> masked) {
    Representation java = with(InferencePath.JAVA, () -> space.represent(rows, masked, true));
    Representation torch = with(InferencePath.PYTORCH, () -> space.represent(rows, masked, true));
    double worst = 0;
    for (int r = 0; r < rows.rowCount(); r++) {
      worst = Math.max(worst, relativeDifference(java.embeddings()[r], torch.embeddings()[r]));
      worst = Math.max(worst, relativeDifference(java.context()[r], torch.context()[r]));
    }
    System.out.printf(Locale.ROOT, "masked %s: largest relative difference %.2e%n", masked, worst);
    assertTrue(worst <= TOLERANCE, "Java and PyTorch passes differ by " + worst
        + " of the vectors' scale with " + masked + " masked");
  }

  private static void assertRowsAloneEqualTheBatch(EmbeddingSpace space, Frame rows) {
    Representation all = with(InferencePath.JAVA, () -> space.represent(rows, Set.of(), true));
    for (int r : new int[] {0, 31, 32, 33, 150, rows.rowCount() - 1}) {
      Frame one = rows.rows(new int[] {r});
      Representation alone = with(InferencePath.JAVA, () -> space.represent(one, Set.of(), true));
      assertArrayEquals(all.embeddings()[r], alone.embeddings()[0], "row " + r);
      assertArrayEquals(all.context()[r], alone.context()[0], "row " + r);
    }
  }

  /**
   * What {@code embed} and the other readers of the row vector alone get (the last layer for the
   * CLS query only) is the full pass's CLS output and embedding, bit for bit, and still PyTorch's
   * to float rounding.
   */
  private static void assertEmbeddingsAloneEqualTheFullPass(EmbeddingSpace space, Frame rows,
      Set<String> masked) {
    Representation full = with(InferencePath.JAVA, () -> space.represent(rows, masked, true));
    Representation alone = with(InferencePath.JAVA, () -> space.represent(rows, masked, false));
    Representation torch = with(InferencePath.PYTORCH,
        () -> space.represent(rows, masked, false));
    int d = space.dModel();
    double worst = 0;
    for (int r = 0; r < rows.rowCount(); r++) {
      assertArrayEquals(full.embeddings()[r], alone.embeddings()[r], "row " + r);
      assertEquals(d, alone.context()[r].length, "row " + r);
      assertArrayEquals(Arrays.copyOf(full.context()[r], d), alone.context()[r],
          "row " + r);
      worst = Math.max(worst, relativeDifference(alone.embeddings()[r], torch.embeddings()[r]));
      worst = Math.max(worst, relativeDifference(alone.context()[r], torch.context()[r]));
    }
    assertTrue(worst <= TOLERANCE, "the CLS-only pass differs from PyTorch's by " + worst);
    Frame one = rows.rows(new int[] {rows.rowCount() - 1});
    Representation single = with(InferencePath.JAVA, () -> space.represent(one, masked, false));
    assertArrayEquals(full.embeddings()[rows.rowCount() - 1], single.embeddings()[0]);
  }

  /**
   * The tokens as the last layer reads them (a predictor's network input since predictor format
   * 10) with the last layer run for the CLS query alone: PyTorch's to float rounding, the CLS
   * output and embedding the full pass's bits, a row alone the bits it gets in the batch.
   */
  private static void assertPenultimateTokensAsInTraining(EmbeddingSpace space, Frame rows,
      Set<String> masked) {
    Representation full = with(InferencePath.JAVA, () -> space.represent(rows, masked, true));
    Representation java = with(InferencePath.JAVA,
        () -> space.represent(rows, masked, TokenOutputs.PENULTIMATE_LAYER));
    Representation torch = with(InferencePath.PYTORCH,
        () -> space.represent(rows, masked, TokenOutputs.PENULTIMATE_LAYER));
    int d = space.dModel();
    double worst = 0;
    boolean tokensDiffer = false;
    for (int r = 0; r < rows.rowCount(); r++) {
      assertArrayEquals(full.embeddings()[r], java.embeddings()[r], "row " + r);
      assertEquals(full.context()[r].length, java.context()[r].length, "row " + r);
      assertArrayEquals(Arrays.copyOf(full.context()[r], d), Arrays.copyOf(java.context()[r], d),
          "row " + r);
      tokensDiffer |= !Arrays.equals(full.context()[r], java.context()[r]);
      worst = Math.max(worst, relativeDifference(java.embeddings()[r], torch.embeddings()[r]));
      worst = Math.max(worst, relativeDifference(java.context()[r], torch.context()[r]));
    }
    System.out.printf(Locale.ROOT, "penultimate tokens, masked %s: largest relative difference "
        + "%.2e%n", masked, worst);
    assertTrue(tokensDiffer, "the penultimate layer's tokens are not the last layer's");
    assertTrue(worst <= TOLERANCE, "the penultimate tokens differ from PyTorch's by " + worst);
    for (int r : new int[] {0, 32, rows.rowCount() - 1}) {
      Frame one = rows.rows(new int[] {r});
      Representation alone = with(InferencePath.JAVA,
          () -> space.represent(one, masked, TokenOutputs.PENULTIMATE_LAYER));
      assertArrayEquals(java.embeddings()[r], alone.embeddings()[0], "row " + r);
      assertArrayEquals(java.context()[r], alone.context()[0], "row " + r);
    }
  }
}
