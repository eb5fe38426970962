package io.rowspace.engine.trees;

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
  private final BoostingLoss loss;
  private final int width;
  private final double[] base;
  /** Round-major: the tree of round r for output c is at {@code r * outputs + c}. */
  private final List<RegressionTree> trees;

  BoostedTrees(BoostingLoss loss, int width, double[] base, List<RegressionTree> trees) {
    this.loss = loss;
    this.width = width;
    this.base = base.clone();
    this.trees = List.copyOf(trees);
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
    double[] sum = new double[k];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(base, 0, sum, 0, k);
      int offset = i * width;
      for (int t = 0; t < trees.size(); t++) {
        sum[t % k] += trees.get(t).predict(x, offset);
      }
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) sum[c];
      }
    }
    return out;
  }

  public void write(DataOutput out) throws IOException {
    out.writeUTF(loss.name());
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
      loss = BoostingLoss.valueOf(in.readUTF());
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
