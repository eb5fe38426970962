package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.nn.TokenOutputs;
import io.rowspace.engine.space.EmbeddingSpace;

import java.util.Map;
import java.util.Set;

/**
 * The inputs of a predictor's network: for each row, the space's embedding, CLS output and
 * column-token outputs (of the last layer, or as the last layer reads them: {@link
 * TokenOutputs}), computed with the target column masked so the target can never leak in;
 * optionally (predictor format 4, option {@code column_features}) followed by the input
 * columns' own numeric features ({@link EmbeddingSpace#columnFeatures}, the target's all zero), a
 * direct path for exact values beside the embedding.
 *
 * @param values row-major features, {@code rows x width}
 * @param rows number of rows
 * @param width features per row
 * @param unparseable per space column, values unreadable as the column's type
 * @param treeValues the input columns as the predictor's boosted trees read them ({@link
 *     TreeInputs}), row-major {@code rows x treeWidth}, never standardised; {@code null} when the
 *     predictor has no trees
 * @param treeWidth tree input columns per row
 */
public record SpaceFeatures(float[] values, int rows, int width, Map<String, Long> unparseable,
    float[] treeValues, int treeWidth) {

  public SpaceFeatures(float[] values, int rows, int width, Map<String, Long> unparseable) {
    this(values, rows, width, unparseable, null, 0);
  }

  /** The same features with the rows' tree inputs beside them. */
  public SpaceFeatures withTreeValues(float[] tree, int treeColumns) {
    return new SpaceFeatures(values, rows, width, unparseable, tree, treeColumns);
  }

  /** The given rows of these features, tree inputs included. */
  public SpaceFeatures select(int[] selected) {
    float[] v = new float[selected.length * width];
    for (int i = 0; i < selected.length; i++) {
      System.arraycopy(values, selected[i] * width, v, i * width, width);
    }
    float[] t = null;
    if (treeValues != null) {
      t = new float[selected.length * treeWidth];
      for (int i = 0; i < selected.length; i++) {
        System.arraycopy(treeValues, selected[i] * treeWidth, t, i * treeWidth, treeWidth);
      }
    }
    return new SpaceFeatures(v, selected.length, width, unparseable, t, treeWidth);
  }

  /**
   * What the trees read per row: the first {@code embeddingWidth} (standardised) features, the
   * row's embedding, then its tree inputs; row-major.
   */
  public float[] treeRows(int embeddingWidth) {
    if (treeValues == null) {
      throw new IllegalStateException("features computed without the trees' inputs");
    }
    int w = embeddingWidth + treeWidth;
    float[] out = new float[rows * w];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(values, i * width, out, i * w, embeddingWidth);
      System.arraycopy(treeValues, i * treeWidth, out, i * w + embeddingWidth, treeWidth);
    }
    return out;
  }

  public static SpaceFeatures of(EmbeddingSpace space, Frame frame, String target,
      TokenOutputs tokens, boolean withColumns) {
    return of(space, frame, Set.of(target), tokens, withColumns);
  }

  /**
   * The features with the given columns (the target among them) masked.
   *
   * @param tokens which token outputs of the space the network reads
   * @param withColumns whether the columns' own features follow the space's outputs
   */
  public static SpaceFeatures of(EmbeddingSpace space, Frame frame, Set<String> masked,
      TokenOutputs tokens, boolean withColumns) {
    return standardised(space, frame, masked, tokens, withColumns, null, null);
  }

  /**
   * The features with the given columns masked, standardised as they are written (the same bits
   * as {@link #of} followed by {@link #standardise}): the space's outputs go straight from its
   * forward pass into the array the head reads.
   *
   * @param mean per feature, the fitting rows' mean, or null for features as they are
   * @param std per feature, the fitting rows' standard deviation (with {@code mean})
   */
  public static SpaceFeatures standardised(EmbeddingSpace space, Frame frame, Set<String> masked,
      TokenOutputs tokens, boolean withColumns, float[] mean, float[] std) {
    int n = frame.rowCount();
    int spaceWidth = space.embeddingDimension() + space.dModel() * (1 + space.usedColumns().size()
        + space.relations().size());
    int width = spaceWidth + (withColumns ? space.columnFeatureWidth() : 0);
    float[] values = new float[n * width];
    Map<String, Long> unparseable = space.features(frame, masked, tokens, withColumns, values,
        width, mean, std);
    return new SpaceFeatures(values, n, width, unparseable);
  }

  /** Standardises in place with the given per-feature mean and standard deviation. */
  public void standardise(float[] mean, float[] std) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < width; j++) {
        values[i * width + j] = (values[i * width + j] - mean[j]) / std[j];
      }
    }
  }
}
