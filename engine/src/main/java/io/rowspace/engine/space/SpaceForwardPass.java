package io.rowspace.engine.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.nn.TokenOutputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embedding space's forward pass over a fixed set of rows, on weights the caller holds: what a
 * predictor that fine-tunes the space's transformer layers trains through. The rows are encoded
 * once, with the given columns masked; {@link #outputs} then runs the transformer on any subset of
 * them. When the caller's weight vector needs gradients (inside a gradient collector) the pass is
 * on the autograd tape, so gradients reach the space's weights.
 *
 * <p>The outputs are laid out exactly as a predictor reads a frozen space
 * ({@link EmbeddingSpace#features}): per row the embedding, the CLS output, then every token's
 * output of the kind the predictor reads ({@link TokenOutputs}).
 */
public final class SpaceForwardPass {
  private final TabularTransformer.Config config;
  private final RelatedTokens related;
  private final ParameterLayout layout;
  private final TokenOutputs tokens;
  private final EncodedRows encoded;
  private final List<RelatedTokens.Encoded> relatedRows;
  private final float[] maskRow;
  private final float[] columnFeatures;
  private final int columnFeatureWidth;

  SpaceForwardPass(TabularTransformer.Config config, RelatedTokens related,
      ParameterLayout layout, TokenOutputs tokens, EncodedRows encoded, List<RelatedTokens.Encoded> relatedRows,
      float[] maskRow, float[] columnFeatures, int columnFeatureWidth) {
    this.columnFeatures = columnFeatures;
    this.columnFeatureWidth = columnFeatureWidth;
    this.config = config;
    this.related = related;
    this.layout = layout;
    this.tokens = tokens;
    this.encoded = encoded;
    this.relatedRows = relatedRows;
    this.maskRow = maskRow;
  }

  /** Where each of the space's weights lives in its flat weight vector. */
  public ParameterLayout layout() {
    return layout;
  }

  /** Number of transformer layers. */
  public int layers() {
    return config.layers();
  }

  /** Names of the weights of transformer layer {@code layer} (0 is nearest the inputs). */
  public List<String> layerWeights(int layer) {
    String prefix = EmbeddingSpace.layerPrefix(layer);
    List<String> names = new ArrayList<>();
    for (String name : layout.names()) {
      if (name.startsWith(prefix)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Rows the pass was built on. */
  public int rows() {
    return encoded.rows();
  }

  /** The rows' {@link EmbeddingSpace#columnFeatures}, for the given rows, row-major. */
  public float[] columnFeatures(int[] rows) {
    float[] out = new float[rows.length * columnFeatureWidth];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(columnFeatures, rows[i] * columnFeatureWidth, out, i * columnFeatureWidth,
          columnFeatureWidth);
    }
    return out;
  }

  /** Values per row of {@link #columnFeatures}. */
  public int columnFeatureWidth() {
    return columnFeatureWidth;
  }

  /** Values per row {@link #outputs} returns. */
  public int width() {
    return config.embeddingDim() + config.dModel() * (1 + maskRow.length);
  }

  /**
   * The space's outputs for the given rows, shape (rows, {@link #width()}), owned by
   * {@code scope}.
   *
   * @param weights the space's flat weight vector (its own values, or tuned ones)
   * @param rows indexes of rows of the pass
   */
  public NDArray outputs(NDArray weights, NDManager scope, int[] rows) {
    Map<String, NDArray> p = layout.views(weights, scope);
    SpaceTokens.Batch batch = SpaceTokens.Batch.of(encoded, relatedRows, rows);
    int b = rows.length;
    int c = maskRow.length;
    int d = config.dModel();
    TabularTransformer.Output out = SpaceTokens.encodeMasked(config, p, scope, batch, related,
        maskRow);
    return out.embedding().concat(out.cls(), 1)
        .concat(out.tokens(tokens).reshape(b, (long) c * d), 1);
  }
}
