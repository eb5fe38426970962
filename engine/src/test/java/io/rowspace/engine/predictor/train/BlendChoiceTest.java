package io.rowspace.engine.predictor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

/**
 * The blend's tie rule: a mixture within one standard error of the lowest validation loss is kept
 * over it; a mixture clearly worse is not; among mixtures within noise the one with more members
 * and evener shares wins, the same way for the same losses.
 */
class BlendChoiceTest {
  private static final int ROWS = 300;

  /**
   * Per-row losses: the rows' common losses, shifted by {@code shift} on average, plus a
   * candidate's own noise of mean zero (so the shift is exact).
   */
  private static double[] losses(double[] common, double shift, double own, long seed) {
    Random random = new Random(seed);
    double[] noise = new double[common.length];
    double mean = 0;
    for (int i = 0; i < noise.length; i++) {
      noise[i] = own * random.nextGaussian();
      mean += noise[i] / noise.length;
    }
    double[] out = new double[common.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = common[i] + shift + noise[i] - mean;
    }
    return out;
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v / a.length;
    }
    return s;
  }

  private static BlendChoice.Scored scored(double[] losses, double network, double trees,
      double linear) {
    return new BlendChoice.Scored(mean(losses), losses, new double[] {network, trees, linear});
  }

  private static double[] common() {
    Random random = new Random(5);
    double[] c = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      c[i] = Math.abs(random.nextGaussian()) * 0.6;
    }
    return c;
  }

  @Test
  void aMixtureWithinNoiseOfTheNetworkAloneIsKept() {
    double[] c = common();
    BlendChoice.Scored network = scored(losses(c, 0.0, 0.05, 1), 1, 0, 0);
    BlendChoice.Scored quarter = scored(losses(c, 0.001, 0.05, 2), 0.75, 0, 0.25);
    BlendChoice.Scored half = scored(losses(c, 0.002, 0.05, 3), 0.5, 0, 0.5);
    assertTrue(network.score() < quarter.score() && network.score() < half.score(),
        "the network alone has the lowest loss");
    BlendChoice.Choice choice = BlendChoice.choose(List.of(network, quarter, half), true);
    assertEquals(0, choice.best());
    assertEquals(2, choice.chosen(), "the evener mixture within noise");
    assertTrue(choice.difference() <= choice.standardError(), choice.reason());
    assertTrue(choice.reason().startsWith("within noise of the lowest"), choice.reason());
  }

  @Test
  void forRegressionTheLowestScoreWinsEvenWithAMixtureWithinNoise() {
    double[] c = common();
    BlendChoice.Scored network = scored(losses(c, 0.0, 0.05, 1), 1, 0, 0);
    BlendChoice.Scored half = scored(losses(c, 0.002, 0.05, 3), 0.5, 0, 0.5);
    BlendChoice.Choice choice = BlendChoice.choose(List.of(network, half), false);
    assertEquals(0, choice.best());
    assertEquals(0, choice.chosen(), "squared errors: no tie rule");
    assertEquals("", choice.reason());
    assertEquals(1, BlendChoice.choose(List.of(network, half), true).chosen(),
        "the same losses keep the mixture where the tie rule applies");
  }

  @Test
  void aMixtureClearlyWorseThanTheBestIsNotKept() {
    double[] c = common();
    BlendChoice.Scored network = scored(losses(c, 0.0, 0.02, 1), 1, 0, 0);
    BlendChoice.Scored worse = scored(losses(c, 0.05, 0.02, 2), 0.5, 0.25, 0.25);
    BlendChoice.Choice choice = BlendChoice.choose(List.of(network, worse), true);
    assertEquals(0, choice.chosen());
    assertEquals("", choice.reason());
  }

  @Test
  void moreMembersWinAmongMixturesWithinNoise() {
    double[] c = common();
    BlendChoice.Scored linear = scored(losses(c, 0.0, 0.03, 1), 0.5, 0, 0.5);
    BlendChoice.Scored three = scored(losses(c, 0.001, 0.03, 2), 0.5, 0.25, 0.25);
    BlendChoice.Scored network = scored(losses(c, 0.002, 0.03, 3), 1, 0, 0);
    List<BlendChoice.Scored> all = List.of(linear, three, network);
    BlendChoice.Choice choice = BlendChoice.choose(all, true);
    assertEquals(0, choice.best());
    assertEquals(1, choice.chosen());
    assertEquals(choice, BlendChoice.choose(all, true), "the same losses, the same choice");
  }

  @Test
  void theStandardErrorIsThatOfThePairedDifferences() {
    double[] a = {1, 2, 3, 4};
    double[] b = {0, 2, 2, 4};
    double[] d = BlendChoice.difference(a, b);
    assertEquals(0.5, d[0], 1e-12);
    // Differences 1, 0, 1, 0: sample variance 1/3, standard error sqrt(1/3 / 4).
    assertEquals(Math.sqrt(1.0 / 12), d[1], 1e-12);
  }
}
