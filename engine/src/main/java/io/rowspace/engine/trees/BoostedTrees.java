package io.rowspace.engine.trees;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * A trained ensemble of boosted trees: for each row, a base score plus the leaf values of its
 * trees, one margin per output (one for logistic and squared loss, one per class for softmax).
 * Immutable and thread-safe.
 */
public final class BoostedTrees {
  private static final int BLOCK = 64;
  private final BoostingLoss loss;
  private final int width;
  private final double[] base;
  /** Round-major: the tree of round r for output c is at {@code r * outputs + c}. */
  private final List<RegressionTree> trees;
  /** All trees' nodes in flat arrays, for prediction: tree t starts at {@code root[t]}. */
  private final int[] root;
  private final int[] feature;
  private final float[] thresholdOrValue;
  private final boolean[] missingLeft;
  private final int[] left;
  private final int[] right;

  BoostedTrees(BoostingLoss loss, int width, double[] base, List<RegressionTree> trees) {
    this.loss = loss;
    this.width = width;
    this.base = base.clone();
    this.trees = List.copyOf(trees);
    int nodes = (int) nodes();
    root = new int[trees.size()];
    feature = new int[nodes];
    thresholdOrValue = new float[nodes];
    missingLeft = new boolean[nodes];
    left = new int[nodes];
    right = new int[nodes];
    int at = 0;
    for (int t = 0; t < trees.size(); t++) {
      root[t] = at;
      trees.get(t).copyTo(at, feature, thresholdOrValue, missingLeft, left, right);
      at += trees.get(t).nodes();
    }
  }

  /** The loss the trees were trained for. */
  public BoostingLoss loss() {
    return loss;
  }

  /** Margins per row. */
  public int outputs() {
    return base.length;
  }

  /** Features per row. */
  public int width() {
    return width;
  }

  /** Boosting rounds kept. */
  public int rounds() {
    return trees.size() / base.length;
  }

  /** Nodes of all trees together. */
  public long nodes() {
    long n = 0;
    for (RegressionTree t : trees) {
      n += t.nodes();
    }
    return n;
  }

  /**
   * Margins of rows given by raw feature values ({@code NaN} = missing), row-major
   * {@code rows x width}; returns {@code rows x outputs()}: log-odds for logistic loss, one
   * log-score per class for softmax, the value for squared loss.
   */
  public float[] predict(float[] x, int rows) {
    if (x.length < rows * width) {
      throw new IllegalArgumentException(rows + " rows of " + width + " features need "
          + rows * width + " values, got " + x.length);
    }
    int k = base.length;
    float[] out = new float[rows * k];
    double[] sum = new double[BLOCK * k];
    // Tree by tree over a block of rows, so a tree's nodes stay in cache; each row still adds
    // its trees in the same order, so a row's margins do not depend on the rows beside it.
    for (int from = 0; from < rows; from += BLOCK) {
      int to = Math.min(rows, from + BLOCK);
      for (int i = from; i < to; i++) {
        System.arraycopy(base, 0, sum, (i - from) * k, k);
      }
      for (int t = 0; t < root.length; t++) {
        int c = t % k;
        int start = root[t];
        for (int i = from; i < to; i++) {
          int offset = i * width;
          int n = start;
          int f;
          while ((f = feature[n]) >= 0) {
            float v = x[offset + f];
            boolean goLeft = v != v ? missingLeft[n] : v <= thresholdOrValue[n];
            n = goLeft ? left[n] : right[n];
          }
          sum[(i - from) * k + c] += thresholdOrValue[n];
        }
      }
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          out[i * k + c] = (float) sum[(i - from) * k + c];
        }
      }
    }
    return out;
  }

  public void write(DataOutput out) throws IOException {
    ModelFile.writeText(out, loss.name());
    out.writeInt(width);
    out.writeInt(base.length);
    for (double b : base) {
      out.writeDouble(b);
    }
    out.writeInt(trees.size());
    for (RegressionTree t : trees) {
      t.write(out);
    }
  }

  public static BoostedTrees read(DataInput in) throws IOException {
    BoostingLoss loss;
    try {
      loss = BoostingLoss.valueOf(ModelFile.readText(in));
    } catch (IllegalArgumentException e) {
      throw new IOException("an unknown boosting loss", e);
    }
    int width = in.readInt();
    int k = in.readInt();
    if (width < 1 || k < 1 || k > 10_000) {
      throw new IOException("boosted trees of width " + width + " with " + k + " outputs");
    }
    double[] base = new double[k];
    for (int c = 0; c < k; c++) {
      base[c] = in.readDouble();
    }
    int count = in.readInt();
    if (count < 0 || count % k != 0) {
      throw new IOException(count + " trees for " + k + " outputs");
    }
    RegressionTree[] trees = new RegressionTree[count];
    for (int t = 0; t < count; t++) {
      trees[t] = RegressionTree.read(in, width);
    }
    return new BoostedTrees(loss, width, base, List.of(trees));
  }
}
