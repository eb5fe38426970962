package io.rowspace.engine.trees;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One tree of an ensemble: binary splits "value &lt;= threshold", a learned side for missing
 * values, and a value (already scaled by the learning rate) at each leaf. Node 0 is the root.
 */
final class RegressionTree {
  private static final int LEAF = -1;

  private final int[] feature;
  private final float[] threshold;
  private final boolean[] missingLeft;
  private final int[] left;
  private final int[] right;
  private final float[] value;
  /** The split's bin ("bin &lt;= b" goes left), kept while training only. */
  private final int[] splitBin;

  private RegressionTree(int[] feature, float[] threshold, boolean[] missingLeft, int[] left,
      int[] right, float[] value, int[] splitBin) {
    this.feature = feature;
    this.threshold = threshold;
    this.missingLeft = missingLeft;
    this.left = left;
    this.right = right;
    this.value = value;
    this.splitBin = splitBin;
  }

  int nodes() {
    return feature.length;
  }

  /**
   * Copies the nodes into flat arrays at {@code at}, children renumbered from there; leaves get
   * feature -1 and their value in {@code thresholdOrValue}.
   */
  void copyTo(int at, int[] features, float[] thresholdOrValue, boolean[] missingGoesLeft,
      int[] lefts, int[] rights) {
    for (int n = 0; n < feature.length; n++) {
      features[at + n] = feature[n];
      if (feature[n] == LEAF) {
        thresholdOrValue[at + n] = value[n];
      } else {
        thresholdOrValue[at + n] = threshold[n];
        missingGoesLeft[at + n] = missingLeft[n];
        lefts[at + n] = at + left[n];
        rights[at + n] = at + right[n];
      }
    }
  }

  /** The leaf value for a row of bins starting at {@code offset} (training rows). */
  float predictBinned(byte[] bins, int offset) {
    int n = 0;
    while (feature[n] != LEAF) {
      int b = bins[offset + feature[n]] & 0xFF;
      boolean goLeft = b == 0 ? missingLeft[n] : b <= splitBin[n];
      n = goLeft ? left[n] : right[n];
    }
    return value[n];
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(feature.length);
    for (int n = 0; n < feature.length; n++) {
      out.writeInt(feature[n]);
      if (feature[n] == LEAF) {
        out.writeFloat(value[n]);
      } else {
        out.writeFloat(threshold[n]);
        out.writeBoolean(missingLeft[n]);
        out.writeInt(left[n]);
        out.writeInt(right[n]);
      }
    }
  }

  static RegressionTree read(DataInput in, int width) throws IOException {
    int nodes = in.readInt();
    if (nodes < 1 || nodes > 1 << 20) {
      throw new IOException("a tree with " + nodes + " nodes");
    }
    Builder b = new Builder(nodes);
    for (int n = 0; n < nodes; n++) {
      int f = in.readInt();
      if (f == LEAF) {
        b.leaf(in.readFloat());
      } else {
        if (f < 0 || f >= width) {
          throw new IOException("a split on feature " + f + " of " + width);
        }
        float t = in.readFloat();
        boolean missingLeft = in.readBoolean();
        int l = in.readInt();
        int r = in.readInt();
        if (l <= n || r <= n || l >= nodes || r >= nodes) {
          throw new IOException("a split at node " + n + " with children " + l + ", " + r);
        }
        b.split(f, t, -1, missingLeft, l, r);
      }
    }
    return b.build();
  }

  /** Collects nodes in the order they are numbered. */
  static final class Builder {
    private int[] feature;
    private float[] threshold;
    private boolean[] missingLeft;
    private int[] left;
    private int[] right;
    private float[] value;
    private int[] splitBin;
    private int size;

    Builder(int capacity) {
      feature = new int[capacity];
      threshold = new float[capacity];
      missingLeft = new boolean[capacity];
      left = new int[capacity];
      right = new int[capacity];
      value = new float[capacity];
      splitBin = new int[capacity];
    }

    /** Reserves a node and returns its number; fill it with {@link #set}. */
    int reserve() {
      if (size == feature.length) {
        int c = size * 2;
        feature = Arrays.copyOf(feature, c);
        threshold = Arrays.copyOf(threshold, c);
        missingLeft = Arrays.copyOf(missingLeft, c);
        left = Arrays.copyOf(left, c);
        right = Arrays.copyOf(right, c);
        value = Arrays.copyOf(value, c);
        splitBin = Arrays.copyOf(splitBin, c);
      }
      return size++;
    }

    void leaf(float v) {
      setLeaf(reserve(), v);
    }

    void split(int f, float t, int bin, boolean toLeft, int l, int r) {
      setSplit(reserve(), f, t, bin, toLeft, l, r);
    }

    void setLeaf(int n, float v) {
      feature[n] = LEAF;
      value[n] = v;
    }

    void setSplit(int n, int f, float t, int bin, boolean toLeft, int l, int r) {
      feature[n] = f;
      threshold[n] = t;
      splitBin[n] = bin;
      missingLeft[n] = toLeft;
      left[n] = l;
      right[n] = r;
    }

    RegressionTree build() {
      return new RegressionTree(Arrays.copyOf(feature, size),
          Arrays.copyOf(threshold, size), Arrays.copyOf(missingLeft, size),
          Arrays.copyOf(left, size), Arrays.copyOf(right, size),
          Arrays.copyOf(value, size), Arrays.copyOf(splitBin, size));
    }
  }
}
