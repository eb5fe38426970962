package io.rowspace.engine.trees;

import java.util.Arrays;

/**
 * Grows one tree, level by level to the settings' depth, on the binned fitting rows: at each node
 * a histogram of gradient and hessian sums per bin of every sampled feature (the larger child's
 * histogram is its parent's minus its sibling's), and the split with the best Newton gain, trying
 * missing values on either side. Reuses its histograms from tree to tree.
 */
final class TreeGrower {
  private final byte[] bins;
  private final int width;
  private final int[] binCounts;
  private final int[] offset;
  private final FeatureBins cuts;
  private final TreeBooster.Settings settings;
  /** Two histograms per depth: the children of the node being split. */
  private final double[][][] pool;
  private final double[] rootHistogram;
  private int[] features;
  private double[] gradient;
  private double[] hessian;
  private int[] rows;
  private RegressionTree.Builder tree;

  TreeGrower(byte[] bins, int width, int[] binCounts, FeatureBins cuts,
      TreeBooster.Settings settings) {
    this.bins = bins;
    this.width = width;
    this.binCounts = binCounts;
    this.cuts = cuts;
    this.settings = settings;
    this.offset = new int[width];
    int total = 0;
    for (int f = 0; f < width; f++) {
      offset[f] = total;
      total += binCounts[f];
    }
    pool = new double[settings.maxDepth() + 1][2][2 * total];
    rootHistogram = new double[2 * total];
  }

  /**
   * A tree fitted to the gradients of the given fitting rows (positions in the binned matrix),
   * splitting only on the given features.
   */
  RegressionTree grow(int[] sampledRows, int[] sampledFeatures, double[] g, double[] h) {
    this.rows = sampledRows.clone();
    this.features = sampledFeatures;
    this.gradient = g;
    this.hessian = h;
    this.tree = new RegressionTree.Builder(64);
    fill(rootHistogram, 0, rows.length);
    double sumG = 0;
    double sumH = 0;
    for (int r : rows) {
      sumG += g[r];
      sumH += h[r];
    }
    node(0, rows.length, rootHistogram, 0, sumG, sumH);
    return tree.build();
  }

  private int node(int from, int to, double[] histogram, int depth, double sumG, double sumH) {
    int id = tree.reserve();
    double lambda = settings.l2();
    Split best = depth >= settings.maxDepth() || to - from < 2 ? null
        : bestSplit(histogram, sumG, sumH);
    if (best == null) {
      tree.setLeaf(id, (float) (-sumG / (sumH + lambda) * settings.learningRate()));
      return id;
    }
    int middle = partition(from, to, best);
    double[] leftHistogram = pool[depth + 1][0];
    double[] rightHistogram = pool[depth + 1][1];
    boolean leftSmaller = middle - from <= to - middle;
    if (leftSmaller) {
      fill(leftHistogram, from, middle);
      subtract(histogram, leftHistogram, rightHistogram);
    } else {
      fill(rightHistogram, middle, to);
      subtract(histogram, rightHistogram, leftHistogram);
    }
    int left = node(from, middle, leftHistogram, depth + 1, best.leftG, best.leftH);
    int right = node(middle, to, rightHistogram, depth + 1, sumG - best.leftG,
        sumH - best.leftH);
    tree.setSplit(id, best.feature, cuts.threshold(best.feature, best.bin), best.bin,
        best.missingLeft, left, right);
    return id;
  }

  /** The best split of a node, or null when none gains anything. */
  private Split bestSplit(double[] histogram, double sumG, double sumH) {
    double parent = sumG * sumG / (sumH + settings.l2());
    Split best = null;
    for (int f : features) {
      int o = offset[f];
      int last = binCounts[f] - 1;
      double missingG = histogram[2 * o];
      double missingH = histogram[2 * o + 1];
      double gl = 0;
      double hl = 0;
      for (int b = 1; b < last; b++) {
        gl += histogram[2 * (o + b)];
        hl += histogram[2 * (o + b) + 1];
        best = better(best, f, b, false, gl, hl, sumG, sumH, parent);
        if (missingH > 0) {
          best = better(best, f, b, true, gl + missingG, hl + missingH, sumG, sumH, parent);
        }
      }
    }
    return best;
  }

  /**
   * The candidate split (left sums {@code gl}, {@code hl}) if both sides are heavy enough and it
   * gains more than {@code best}, else {@code best}.
   */
  private Split better(Split best, int feature, int bin, boolean missingLeft, double gl,
      double hl, double sumG, double sumH, double parent) {
    double gr = sumG - gl;
    double hr = sumH - hl;
    double minWeight = settings.minChildWeight();
    if (hl < minWeight || hr < minWeight) {
      return best;
    }
    double lambda = settings.l2();
    double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
    return gain > (best == null ? 1e-12 : best.gain) ? new Split(feature, bin, missingLeft, gl, hl,
        gain) : best;
  }

  /** Moves the rows going left to the front of {@code rows[from, to)}; returns the boundary. */
  private int partition(int from, int to, Split split) {
    int i = from;
    int j = to - 1;
    while (i <= j) {
      if (goesLeft(rows[i], split)) {
        i++;
      } else {
        int t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
        j--;
      }
    }
    return i;
  }

  private boolean goesLeft(int row, Split split) {
    int b = bins[row * width + split.feature] & 0xFF;
    return b == 0 ? split.missingLeft : b <= split.bin;
  }

  private void fill(double[] histogram, int from, int to) {
    for (int f : features) {
      int o = 2 * offset[f];
      Arrays.fill(histogram, o, o + 2 * binCounts[f], 0.0);
    }
    for (int i = from; i < to; i++) {
      int r = rows[i];
      int base = r * width;
      double g = gradient[r];
      double h = hessian[r];
      for (int f : features) {
        int at = 2 * (offset[f] + (bins[base + f] & 0xFF));
        histogram[at] += g;
        histogram[at + 1] += h;
      }
    }
  }

  private void subtract(double[] parent, double[] child, double[] sibling) {
    for (int f : features) {
      int o = 2 * offset[f];
      for (int i = o; i < o + 2 * binCounts[f]; i++) {
        sibling[i] = parent[i] - child[i];
      }
    }
  }

  /** A candidate split: bins up to {@code bin} (and missing values if so) go left. */
  private record Split(int feature, int bin, boolean missingLeft, double leftG, double leftH,
      double gain) {}
}
