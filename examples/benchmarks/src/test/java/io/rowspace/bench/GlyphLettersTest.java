package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GlyphLettersTest {
  @Test
  void theSameSeedDrawsTheSameLetters() {
    GlyphLetters.Rows first = GlyphLetters.generate(300, 11);
    GlyphLetters.Rows second = GlyphLetters.generate(300, 11);
    assertArrayEquals(first.letters(), second.letters());
    for (int i = 0; i < 300; i++) {
      assertArrayEquals(first.features()[i], second.features()[i]);
    }
  }

  @Test
  void featuresAreScaledToNibblesByTheTrainingRows() {
    GlyphLetters.Rows rows = GlyphLetters.generate(1_000, 3);
    int[][] nibbles = GlyphLetters.scaleToNibbles(rows.features(),
        Arrays.copyOfRange(rows.features(), 0, 800));
    for (int[] row : nibbles) {
      assertTrue(row.length == GlyphLetters.FEATURES);
      for (int value : row) {
        assertTrue(value >= 0 && value <= 15, "a nibble, got " + value);
      }
    }
  }

  /**
   * UCI's letters came from 20 fonts: a letter is several clusters, so a linear model does far
   * worse than the nearest neighbour (about 0.77 against 0.95 on the full data set).
   */
  @Test
  void eachLetterIsSeveralClustersLikeTheOriginal() {
    int training = 5_000;
    GlyphLetters.Rows rows = GlyphLetters.generate(6_000, 7);
    int[][] nibbles = GlyphLetters.scaleToNibbles(rows.features(),
        Arrays.copyOfRange(rows.features(), 0, training));
    double[][] x = GlyphLetters.asDoubles(nibbles);
    int[] letters = rows.letters();
    double nearest = LinearProbeBenchmark.nearestNeighbourAccuracy(x, letters, training);
    SoftmaxProbe linear = SoftmaxProbe.fit(Arrays.copyOfRange(x, 0, training),
        Arrays.copyOfRange(letters, 0, training), 26, 1e-4, 300);
    double linearAccuracy = linear.accuracy(Arrays.copyOfRange(x, training, x.length),
        Arrays.copyOfRange(letters, training, letters.length));
    assertTrue(nearest > 0.85, "nearest neighbour " + nearest);
    assertTrue(linearAccuracy < 0.82, "linear " + linearAccuracy);
    assertTrue(nearest - linearAccuracy > 0.1,
        "nearest neighbour " + nearest + " against linear " + linearAccuracy);
  }
}
