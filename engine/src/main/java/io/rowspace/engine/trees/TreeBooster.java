package io.rowspace.engine.trees;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains {@link BoostedTrees} by gradient boosting with second-order (Newton) leaf values: each
 * round fits one tree per output to the loss's gradients on a seeded sample of the fitting rows
 * and features, grown level by level on histograms of {@link FeatureBins}; training stops when
 * the validation loss has not improved for {@link Settings#patience()} rounds and keeps the best
 * round's trees.
 */
public final class TreeBooster {

  /**
   * Boosting settings.
   *
   * @param maxRounds rounds at most
   * @param learningRate shrinkage of every tree's leaf values
   * @param maxDepth depth of the trees (2^depth leaves at most)
   * @param l2 L2 penalty on leaf values
   * @param minChildWeight least sum of hessians on each side of a split
   * @param rowSample share of fitting rows each round sees
   * @param columnSample share of features each tree may split on
   * @param patience rounds without a better validation loss before stopping
   * @param bins bins per feature for present values (2 to 255)
   * @param seed seed of the row and feature samples
   */
  public record Settings(int maxRounds, double learningRate, int maxDepth, double l2,
      double minChildWeight, double rowSample, double columnSample, int patience, int bins,
      long seed) {

    /** Settings for a data set of the given size: shrinkage 0.05 below 20,000 rows, else 0.1. */
    public static Settings forRows(int fitRows, long seed) {
      boolean large = fitRows > 20_000;
      return new Settings(large ? 1000 : 2000, large ? 0.1 : 0.05, 6, 1.0, 1.0, 0.8, 0.8,
          large ? 50 : 100, FeatureBins.MAX_BINS, seed);
    }

    /** These settings with another number of rounds at most. */
    public Settings withMaxRounds(int rounds) {
      return new Settings(rounds, learningRate, maxDepth, l2, minChildWeight, rowSample,
          columnSample, patience, bins, seed);
    }

    /** These settings with trees of another depth. */
    public Settings withMaxDepth(int depth) {
      return new Settings(maxRounds, learningRate, depth, l2, minChildWeight, rowSample,
          columnSample, patience, bins, seed);
    }
  }

  /** Told of every round; may stop training. */
  public interface Progress {
    Progress NONE = (round, maxRounds, validationLoss) -> { };

    void round(int round, int maxRounds, double validationLoss);

    default boolean cancelled() {
      return false;
    }
  }

  /**
   * A trained ensemble and how training went.
   *
   * @param trees the trees up to the best round
   * @param bestRound the round with the lowest validation loss (the last when there are no
   *     validation rows)
   * @param roundsRun rounds trained before stopping
   * @param validationLoss the validation loss at the best round ({@code NaN} without validation
   *     rows)
   * @param cancelled whether {@link Progress#cancelled()} stopped training
   */
  public record Result(BoostedTrees trees, int bestRound, int roundsRun, double validationLoss,
      boolean cancelled) {}

  private TreeBooster() {}

  /**
   * Trains an ensemble.
   *
   * @param x raw feature values of all rows, row-major {@code rows x width}; {@code NaN} is
   *     missing
   * @param width features per row
   * @param fit rows to fit
   * @param validation rows for early stopping; may be empty
   * @param loss what to minimise
   * @param classes classes for {@link BoostingLoss#SOFTMAX}; ignored otherwise
   * @param target per row of {@code x}: 0/1, the class index, or the value
   */
  public static Result train(float[] x, int width, int[] fit, int[] validation, BoostingLoss loss,
      int classes, float[] target, Settings settings, Progress progress) {
    if (fit.length == 0) {
      throw new IllegalArgumentException("no rows to fit");
    }
    int k = loss == BoostingLoss.SOFTMAX ? classes : 1;
    if (k < 1 || (loss == BoostingLoss.SOFTMAX && k < 2)) {
      throw new IllegalArgumentException("softmax needs two classes or more, got " + classes);
    }
    FeatureBins bins = FeatureBins.fit(x, width, fit, settings.bins());
    byte[] fitBins = bins.binned(gather(x, width, fit), fit.length);
    byte[] validationBins = bins.binned(gather(x, width, validation), validation.length);
    float[] fitTarget = gather(target, 1, fit);
    float[] validationTarget = gather(target, 1, validation);
    double[] base = baseScore(loss, k, fitTarget);
    double[] margin = repeat(base, fit.length);
    double[] validationMargin = repeat(base, validation.length);

    int[] binCounts = new int[width];
    for (int f = 0; f < width; f++) {
      binCounts[f] = bins.bins(f);
    }
    TreeGrower grower = new TreeGrower(fitBins, width, binCounts, bins, settings);
    Random random = new Random(settings.seed());
    double[] gradient = new double[fit.length];
    double[] hessian = new double[fit.length];
    double[] probability = new double[fit.length * k];
    List<RegressionTree> trees = new ArrayList<>();
    int columns = Math.max(1, (int) Math.round(settings.columnSample() * width));
    int[] featureOrder = new int[width];
    for (int f = 0; f < width; f++) {
      featureOrder[f] = f;
    }
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestRound = 0;
    int round = 0;
    boolean cancelled = false;
    while (round < settings.maxRounds()) {
      if (progress.cancelled()) {
        cancelled = true;
        break;
      }
      round++;
      int[] rows = sampleRows(fit.length, settings.rowSample(), random);
      // Every tree of a round fits the gradients at the margins the round started from.
      probabilities(loss, margin, k, probability);
      for (int c = 0; c < k; c++) {
        int[] features = sortedSample(featureOrder, columns, random);
        for (int i = 0; i < fit.length; i++) {
          gradients(loss, margin, probability, i, k, c, fitTarget[i], gradient, hessian);
        }
        RegressionTree tree = grower.grow(rows, features, gradient, hessian);
        trees.add(tree);
        for (int i = 0; i < fit.length; i++) {
          margin[i * k + c] += tree.predictBinned(fitBins, i * width);
        }
        for (int i = 0; i < validation.length; i++) {
          validationMargin[i * k + c] += tree.predictBinned(validationBins, i * width);
        }
      }
      if (validation.length == 0) {
        bestRound = round;
        progress.round(round, settings.maxRounds(), Double.NaN);
        continue;
      }
      double l = meanLoss(loss, validationMargin, validationTarget, k);
      progress.round(round, settings.maxRounds(), l);
      if (l < bestLoss) {
        bestLoss = l;
        bestRound = round;
      } else if (round - bestRound >= settings.patience()) {
        break;
      }
    }
    List<RegressionTree> kept = trees.subList(0, bestRound * k);
    return new Result(new BoostedTrees(loss, width, base, kept), bestRound, round,
        validation.length == 0 ? Double.NaN : bestLoss, cancelled);
  }

  /** The loss of margins, row-major {@code rows x k}, averaged over rows. */
  public static double meanLoss(BoostingLoss loss, double[] margin, float[] target, int k) {
    int n = target.length;
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      switch (loss) {
        case LOGISTIC: {
          double f = margin[i];
          sum += Math.max(f, 0) - f * target[i] + Math.log1p(Math.exp(-Math.abs(f)));
          break;
        }
        case SOFTMAX: {
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            max = Math.max(max, margin[i * k + c]);
          }
          double z = 0;
          for (int c = 0; c < k; c++) {
            z += Math.exp(margin[i * k + c] - max);
          }
          sum += max + Math.log(z) - margin[i * k + (int) target[i]];
          break;
        }
        default: {
          double d = margin[i] - target[i];
          sum += d * d;
        }
      }
    }
    return sum / n;
  }

  /**
   * Per row (and class), the probability its margins give: the sigmoid for logistic loss, the
   * softmax for softmax loss; nothing for squared loss.
   */
  private static void probabilities(BoostingLoss loss, double[] margin, int k,
      double[] probability) {
    int n = probability.length / k;
    if (loss == BoostingLoss.LOGISTIC) {
      for (int i = 0; i < n; i++) {
        probability[i] = 1 / (1 + Math.exp(-margin[i]));
      }
    } else if (loss == BoostingLoss.SOFTMAX) {
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, margin[i * k + j]);
        }
        double z = 0;
        for (int j = 0; j < k; j++) {
          probability[i * k + j] = Math.exp(margin[i * k + j] - max);
          z += probability[i * k + j];
        }
        for (int j = 0; j < k; j++) {
          probability[i * k + j] /= z;
        }
      }
    }
  }

  private static void gradients(BoostingLoss loss, double[] margin, double[] probability, int i,
      int k, int c, float target, double[] gradient, double[] hessian) {
    if (loss == BoostingLoss.SQUARED) {
      gradient[i] = margin[i] - target;
      hessian[i] = 1;
      return;
    }
    double p = probability[i * k + c];
    boolean hit = loss == BoostingLoss.LOGISTIC ? target == 1 : c == (int) target;
    gradient[i] = p - (hit ? 1 : 0);
    hessian[i] = Math.max(p * (1 - p), 1e-16);
  }

  private static double[] baseScore(BoostingLoss loss, int k, float[] target) {
    double[] base = new double[k];
    int n = target.length;
    switch (loss) {
      case LOGISTIC: {
        double p = 0;
        for (float t : target) {
          p += t;
        }
        p = Math.min(1 - 1e-6, Math.max(1e-6, p / n));
        base[0] = Math.log(p / (1 - p));
        break;
      }
      case SOFTMAX: {
        double[] count = new double[k];
        for (float t : target) {
          count[(int) t]++;
        }
        for (int c = 0; c < k; c++) {
          base[c] = Math.log(Math.max(1e-6, count[c] / n));
        }
        break;
      }
      default: {
        double sum = 0;
        for (float t : target) {
          sum += t;
        }
        base[0] = sum / n;
      }
    }
    return base;
  }

  private static int[] sampleRows(int n, double share, Random random) {
    if (share >= 1) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] rows = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < share) {
        rows[m++] = i;
      }
    }
    if (m == 0) {
      rows[m++] = random.nextInt(n);
    }
    return Arrays.copyOf(rows, m);
  }

  /**
   * A seeded sample of {@code count} of the items (all of them when they are no more), in
   * ascending order: a partial Fisher-Yates shuffle, so the same items and random state give the
   * same sample.
   */
  public static int[] sortedSample(int[] items, int count, Random random) {
    if (count >= items.length) {
      return items.clone();
    }
    int[] shuffled = items.clone();
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(shuffled.length - i);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int[] chosen = Arrays.copyOf(shuffled, count);
    Arrays.sort(chosen);
    return chosen;
  }

  private static float[] gather(float[] x, int width, int[] rows) {
    float[] out = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x, rows[i] * width, out, i * width, width);
    }
    return out;
  }

  private static double[] repeat(double[] base, int rows) {
    double[] out = new double[rows * base.length];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(base, 0, out, i * base.length, base.length);
    }
    return out;
  }
}
