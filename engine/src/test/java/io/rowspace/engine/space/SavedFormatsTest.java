package io.rowspace.engine.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowspace.engine.SharedDatasets;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.store.SpaceFormat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Spaces saved by earlier versions keep loading and embed as they did, to float rounding. Each
 * checked-in
 * space was trained (1 epoch, d_model 8, 60 penguins) by the engine that wrote its format version
 * (1: the first engine; 3: the engine before the semantic path), together with the embeddings it
 * gave the first three penguins. The engine has since changed how it batches rows (every batch is
 * padded to a multiple of 8 rows, so a row gets the same bits alone or batched), which moves the
 * last bit of some values: the weights are read exactly, the arithmetic order is today's.
 */
class SavedFormatsTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SavedFormatsTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aFormatVersionOneSpaceLoadsAndEmbedsAsItDidWhenSaved() throws IOException {
    loadsAndEmbedsAsWhenSaved(1);
  }

  @Test
  void aFormatVersionThreeSpaceLoadsAndEmbedsAsItDidWhenSaved() throws IOException {
    loadsAndEmbedsAsWhenSaved(3);
  }

  private static void loadsAndEmbedsAsWhenSaved(int version) throws IOException {
    byte[] bytes = resource("space-v" + version + ".bin");
    assertEquals(version, bytes[4], "the fixture is in format version " + version);
    String[] rows = new String(resource("space-v" + version + "-embeddings.txt"),
        StandardCharsets.US_ASCII).strip().split("\n");
    Frame penguins = SharedDatasets.load("penguins", "penguins");
    try (EmbeddingSpace space = SpaceFormat.read(bytes)) {
      assertEquals(version == 1, space.mutualInformationBits().isEmpty(),
          "format 1 had no estimates");
      float[][] embeddings = space.embed(penguins.rows(new int[] {0, 1, 2}), Set.of());
      for (int r = 0; r < rows.length; r++) {
        String[] bits = rows[r].strip().split(" ");
        float[] expected = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
          expected[i] = Float.intBitsToFloat(Integer.parseInt(bits[i]));
        }
        assertArrayEquals(expected, embeddings[r], 1e-6f, "penguin " + r);
      }
      try (EmbeddingSpace resaved = SpaceFormat.read(SpaceFormat.write(space))) {
        assertEquals(space.fingerprint(), resaved.fingerprint(),
            "re-saving in the new format keeps the identity predictors check");
      }
    }
  }
}
