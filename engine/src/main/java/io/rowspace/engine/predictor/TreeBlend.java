package io.rowspace.engine.predictor;

import io.rowspace.engine.trees.BoostedTrees;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A predictor's boosted trees and their share of its outputs. The trees read the input columns
 * ({@link TreeInputs}) and, in predictors saved before the trees were kept off the embedding,
 * the row's embedding first (the first {@code embeddingWidth} standardised features); their margins are mixed with the network's outputs in logit space (value
 * space for regression): {@code (1 - weight) * network + weight * trees}. The weight is chosen on
 * the validation rows; 0 leaves the network alone, 1 the trees alone.
 *
 * @param inputs how the trees read the input columns
 * @param trees the trees
 * @param weight the trees' share, 0 to 1
 * @param embeddingWidth leading features that are the row's embedding (0 in new predictors)
 */
record TreeBlend(TreeInputs inputs, BoostedTrees trees, double weight, int embeddingWidth) {

  /** Whether the network's outputs are needed at all. */
  boolean needsNetwork() {
    return weight < 1;
  }

  /**
   * The blended outputs, row-major {@code rows x k}, like the network's.
   *
   * @param network the network's outputs, or {@code null} when {@link #needsNetwork()} is false
   * @param positive the positive class's index for a binary predictor (the trees give its
   *     log-odds against the other class), else -1
   */
  float[] mix(float[] network, SpaceFeatures f, int k, int positive) {
    float[] margins = trees.predict(f.treeRows(embeddingWidth), f.rows());
    float[] out = new float[f.rows() * k];
    int m = trees.outputs();
    for (int i = 0; i < f.rows(); i++) {
      for (int c = 0; c < k; c++) {
        float tree;
        if (m == k) {
          tree = margins[i * m + c];
        } else {
          tree = c == positive ? margins[i] : 0f;
        }
        out[i * k + c] = network == null ? tree
            : (float) ((1 - weight) * network[i * k + c] + weight * tree);
      }
    }
    return out;
  }

  void write(DataOutput out) throws IOException {
    out.writeDouble(weight);
    out.writeInt(embeddingWidth);
    inputs.write(out);
    trees.write(out);
  }

  static TreeBlend read(DataInput in) throws IOException {
    double weight = in.readDouble();
    int embeddingWidth = in.readInt();
    if (!(weight >= 0 && weight <= 1) || embeddingWidth < 0) {
      throw new IOException("a tree blend of weight " + weight + " over " + embeddingWidth
          + " embedding features");
    }
    TreeInputs inputs = TreeInputs.read(in);
    BoostedTrees trees = BoostedTrees.read(in);
    if (trees.width() != embeddingWidth + inputs.width()) {
      throw new IOException("trees of width " + trees.width() + " for " + embeddingWidth
          + " + " + inputs.width() + " inputs");
    }
    return new TreeBlend(inputs, trees, weight, embeddingWidth);
  }
}
