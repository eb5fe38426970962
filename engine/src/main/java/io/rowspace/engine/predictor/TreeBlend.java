package io.rowspace.engine.predictor;

import io.rowspace.engine.trees.BoostedTrees;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * What a predictor mixes into its network's outputs: boosted trees and a linear model over the
 * input columns ({@link TreeInputs}), each with its share. Margins are mixed in logit space (value
 * space for regression): {@code (1 - weight - linearWeight) * network + weight * trees
 * + linearWeight * linear}. The shares are chosen on the validation rows. In predictors saved
 * before the trees were kept off the embedding (format 5), the trees also read the row's
 * embedding first (its first {@code embeddingWidth} standardised features); predictors before
 * format 7 have no linear model.
 *
 * @param inputs how the trees and the linear model read the input columns
 * @param trees the trees, or null when they have no share
 * @param weight the trees' share, 0 to 1
 * @param embeddingWidth leading features the trees read that are the row's embedding (0 in new
 *     predictors)
 * @param linear the linear model, or null when it has no share
 * @param linearWeight the linear model's share, 0 to {@code 1 - weight}
 */
public record TreeBlend(TreeInputs inputs, BoostedTrees trees, double weight, int embeddingWidth,
    LinearModel linear, double linearWeight) {

  /** Trees alone mixed into the network (predictors before format 7). */
  TreeBlend(TreeInputs inputs, BoostedTrees trees, double weight, int embeddingWidth) {
    this(inputs, trees, weight, embeddingWidth, null, 0);
  }

  /** The same blend, its inputs under new names. */
  TreeBlend renamed(UnaryOperator<String> names) {
    return new TreeBlend(inputs.renamed(names), trees, weight, embeddingWidth, linear,
        linearWeight);
  }

  /** Whether the network's outputs are needed at all. */
  public boolean needsNetwork() {
    return weight + linearWeight < 1;
  }

  /**
   * Whether the space must run for these members: for the network's share, or for trees of
   * predictors saved in format 5, which also read the row's embedding.
   */
  boolean needsSpace() {
    return needsNetwork() || trees != null && weight > 0 && embeddingWidth > 0;
  }

  /**
   * The blended outputs, row-major {@code rows x k}, like the network's.
   *
   * @param network the network's outputs, or {@code null} when {@link #needsNetwork()} is false
   * @param positive the positive class's index for a binary predictor (the trees and the linear
   *     model give its log-odds against the other class), else -1
   */
  float[] mix(float[] network, SpaceFeatures f, int k, int positive) {
    int n = f.rows();
    return combine(network,
        trees != null && weight > 0 ? trees.predict(f.treeRows(embeddingWidth), n) : null,
        linear != null && linearWeight > 0 ? linear.predict(f.treeRows(0), n) : null,
        n, k, positive);
  }

  /**
   * The blended outputs of {@code n} rows from the members' outputs computed already (a member
   * without a share may give null), as {@link #mix} would give them.
   */
  public float[] combine(float[] network, float[] treeMargins, float[] linearMargins, int n, int k,
      int positive) {
    float[] out = new float[n * k];
    double networkWeight = 1 - weight - linearWeight;
    if (network != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (networkWeight * network[i]);
      }
    }
    if (trees != null && weight > 0) {
      add(out, treeMargins, trees.outputs(), weight, k, positive);
    }
    if (linear != null && linearWeight > 0) {
      add(out, linearMargins, linear.outputs(), linearWeight, k, positive);
    }
    return out;
  }

  /** Adds {@code share} times a member's margins ({@code m} a row) to the k outputs a row. */
  private static void add(float[] out, float[] margins, int m, double share, int k,
      int positive) {
    int n = out.length / k;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        float member = m == k ? margins[i * m + c] : c == positive ? margins[i] : 0f;
        out[i * k + c] = (float) (out[i * k + c] + share * member);
      }
    }
  }

  /** Writes the blend in the current predictor format. */
  public void write(DataOutput out) throws IOException {
    out.writeDouble(weight);
    out.writeInt(embeddingWidth);
    inputs.write(out);
    out.writeBoolean(trees != null);
    if (trees != null) {
      trees.write(out);
    }
    out.writeDouble(linearWeight);
    out.writeBoolean(linear != null);
    if (linear != null) {
      linear.write(out);
    }
  }

  /** Reads a blend saved by a predictor of the given format (5 or later). */
  public static TreeBlend read(DataInput in, int version) throws IOException {
    double weight = in.readDouble();
    int embeddingWidth = in.readInt();
    if (!(weight >= 0 && weight <= 1) || embeddingWidth < 0) {
      throw new IOException("a tree blend of weight " + weight + " over " + embeddingWidth
          + " embedding features");
    }
    TreeInputs inputs = TreeInputs.read(in, version >= 8);
    BoostedTrees trees = version < 7 || in.readBoolean() ? BoostedTrees.read(in) : null;
    if (trees != null && trees.width() != embeddingWidth + inputs.width()) {
      throw new IOException("trees of width " + trees.width() + " for " + embeddingWidth
          + " + " + inputs.width() + " inputs");
    }
    if (version < 7) {
      return new TreeBlend(inputs, trees, weight, embeddingWidth);
    }
    double linearWeight = in.readDouble();
    LinearModel linear = in.readBoolean() ? LinearModel.read(in) : null;
    if (!(linearWeight >= 0 && weight + linearWeight <= 1 + 1e-9)
        || linear != null && linear.width() != inputs.width()) {
      throw new IOException("a linear model of share " + linearWeight + " beside trees of share "
          + weight);
    }
    return new TreeBlend(inputs, trees, weight, embeddingWidth, linear, linearWeight);
  }
}
