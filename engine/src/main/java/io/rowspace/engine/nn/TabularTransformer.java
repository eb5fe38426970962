package io.rowspace.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;


import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * A transformer over one token per column, written as plain NDArray operations on named weights.
 *
 * <p>A column token is its value's embedding (the column's slice of a shared table, with a learned
 * "missing" slot) plus, for scalars, learned per-column weights on the scalar features. Masked
 * columns are replaced by a learned mask token. Every token gets a learned column-position
 * embedding; a CLS token is prepended. Pre-norm blocks of multi-head self-attention and a GELU MLP
 * follow; the CLS output, projected and L2-normalised, is the row embedding.
 */
public final class TabularTransformer {
  private TabularTransformer() {}

  /**
   * Shape of a transformer.
   *
   * @param features numeric features per column token
   * @param slots embedding slots per column token, averaged
   * @param sentenceDim length of the sentence vectors of semantic columns; 0 when no column has
   *     a semantic path (the model then has no sentence weights)
   */
  public record Config(int columns, int vocabulary, int dModel, int layers, int heads,
      int embeddingDim, int features, int slots, int sentenceDim) {
    /** A shape without sentence inputs. */
    public Config(int columns, int vocabulary, int dModel, int layers, int heads,
        int embeddingDim, int features, int slots) {
      this(columns, vocabulary, dModel, layers, heads, embeddingDim, features, slots, 0);
    }

    /** The same shape with the given inputs per column token. */
    public Config withInputs(int features, int slots) {
      return new Config(columns, vocabulary, dModel, layers, heads, embeddingDim, features, slots,
          sentenceDim);
    }

    /**
     * Writes the shape without its inputs per token (format version 1 wrote only this; callers
     * write {@link #features} and {@link #slots} themselves).
     */
    public void write(DataOutput out) throws IOException {
      out.writeInt(columns);
      out.writeInt(vocabulary);
      out.writeInt(dModel);
      out.writeInt(layers);
      out.writeInt(heads);
      out.writeInt(embeddingDim);
    }

    /**
     * Reads a shape written by {@link #write}, with the given inputs per token.
     */
    public static Config read(DataInput in, int features, int slots, int sentenceDim)
        throws IOException {
      Config c = new Config(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
          in.readInt(), features, slots, sentenceDim);
      if (features <= 0 || features > 64 || slots <= 0 || slots > 8 || sentenceDim < 0
          || sentenceDim > 4096) {
        throw new IOException("invalid token inputs: " + features + " features, " + slots
            + " slots, " + sentenceDim + " sentence dimensions");
      }
      if (c.columns < 0 || c.vocabulary < 0 || c.dModel <= 0 || c.layers <= 0 || c.heads <= 0
          || c.dModel % c.heads != 0 || c.embeddingDim <= 0 || c.dModel > 4096) {
        throw new IOException("invalid transformer shape " + c);
      }
      return c;
    }
  }

  /**
   * The sentence inputs of a batch's column tokens.
   *
   * @param rows (B, C) int64 rows of {@code table}, row 0 for cells without a sentence vector
   * @param table (U, sentenceDim) sentence vectors, row 0 zeros
   * @param gated (B, C, 1) 1 where the cell mixes its sentence vector in by the column's gate
   * @param alone (B, C, 1) 1 where the cell's sentence vector replaces its learned embedding
   */
  public record SentenceInput(NDArray rows, NDArray table, NDArray gated, NDArray alone) {}

  /**
   * What one forward pass produces.
   *
   * @param tokens (B, T, d) every token's output of the last layer, finally normalised
   * @param cls (B, d) the CLS token's output, finally normalised
   * @param embedding (B, e) the L2-normalised projection of {@code cls}
   * @param lastLayerInputs (B, 1 + T, d) the CLS token and every token as the last layer reads
   *     them (normalised by its first layer norm): what its keys and values are made from
   */
  public record Output(NDArray tokens, NDArray cls, NDArray embedding, NDArray lastLayerInputs) {

    /**
     * The token outputs a pass of the given kind returns ({@link TokenOutputs}), or null; the
     * penultimate layer's are cut from {@code lastLayerInputs} only when asked for, so training's
     * passes, which never ask, pay nothing for them.
     */
    public NDArray tokens(TokenOutputs which) {
      return switch (which) {
        case NONE -> null;
        case LAST_LAYER -> tokens;
        case PENULTIMATE_LAYER -> lastLayerInputs.get(new NDIndex(":, 1:, :"));
      };
    }
  }

  /** The weights of a transformer of the given shape, including the self-supervised heads. */
  public static ParameterLayout layout(Config c) {
    int d = c.dModel();
    int f = c.features();
    double residualScale = 1.0 / Math.sqrt(2.0 * c.layers());
    ParameterLayout l = new ParameterLayout();
    l.add("embed", new Shape(c.vocabulary(), d), ParameterLayout.Init.NORMAL, 0.5, false);
    l.add("scalar.w", new Shape(c.columns(), f, d), ParameterLayout.Init.NORMAL,
        1.0 / Math.sqrt(f), true);
    l.add("mask", new Shape(d), ParameterLayout.Init.NORMAL, 0.5, false);
    l.add("pos", new Shape(c.columns(), d), ParameterLayout.Init.NORMAL, 0.1, false);
    l.add("cls", new Shape(d), ParameterLayout.Init.NORMAL, 0.1, false);
    for (int i = 0; i < c.layers(); i++) {
      String p = "layer" + i + ".";
      l.add(p + "ln1.g", new Shape(d), ParameterLayout.Init.ONES, 0, false);
      l.add(p + "ln1.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
      l.add(p + "qkv.w", new Shape(d, 3L * d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
      l.add(p + "qkv.b", new Shape(3L * d), ParameterLayout.Init.ZEROS, 0, false);
      l.add(p + "out.w", new Shape(d, d), ParameterLayout.Init.NORMAL,
          residualScale / Math.sqrt(d), true);
      l.add(p + "out.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
      l.add(p + "ln2.g", new Shape(d), ParameterLayout.Init.ONES, 0, false);
      l.add(p + "ln2.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
      l.add(p + "ff1.w", new Shape(d, 2L * d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
      l.add(p + "ff1.b", new Shape(2L * d), ParameterLayout.Init.ZEROS, 0, false);
      l.add(p + "ff2.w", new Shape(2L * d, d), ParameterLayout.Init.NORMAL,
          residualScale / Math.sqrt(2.0 * d), true);
      l.add(p + "ff2.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
    }
    l.add("final.g", new Shape(d), ParameterLayout.Init.ONES, 0, false);
    l.add("final.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
    l.add("proj.w", new Shape(d, c.embeddingDim()), ParameterLayout.Init.NORMAL,
        1 / Math.sqrt(d), true);
    l.add("proj.b", new Shape(c.embeddingDim()), ParameterLayout.Init.ZEROS, 0, false);
    l.add("colhead.w1", new Shape(d, d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
    l.add("colhead.b1", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
    l.add("colhead.w2", new Shape(d, d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
    l.add("target.w", new Shape(d, d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
    if (c.sentenceDim() > 0) {
      // Sentence vectors have unit length: a weight scale of 0.5 gives projected tokens the
      // spread of the learned embeddings. Gates start at sigmoid(0) = 1/2.
      l.add("sentence.w", new Shape(c.sentenceDim(), d), ParameterLayout.Init.NORMAL, 0.5, true);
      l.add("sentence.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
      l.add("sentence.gate", new Shape(c.columns()), ParameterLayout.Init.ZEROS, 0, false);
    }
    return l;
  }

  /**
   * Column tokens before masking and positions: the mean of each cell's slot embeddings plus
   * learned per-column weights on its numeric features.
   *
   * @param index (B, C, S) int64 slots in the shared embedding table
   * @param features (B, C, F) numeric features
   * @return (B, C, d)
   */
  public static NDArray content(Map<String, NDArray> p, NDArray index, NDArray features) {
    return content(p, index, features, null);
  }

  /**
   * Column tokens before masking and positions, with the semantic path: where a cell has a
   * sentence vector, its projection is mixed into the learned embedding by the column's gate
   * {@code g = sigmoid(sentence.gate[c])}, {@code (1 - g) * learned + g * projected}, or replaces
   * it for cells marked {@code alone}.
   *
   * @param sentences the sentence inputs, or null when the space has no semantic column
   */
  public static NDArray content(Map<String, NDArray> p, NDArray index, NDArray features,
      SentenceInput sentences) {
    NDArray table = p.get("embed");
    NDArray embedded = index.getNDArrayInternal()
        .embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    embedded = index.getShape().get(2) == 1 ? embedded.squeeze(2) : embedded.mean(new int[] {2});
    if (sentences != null) {
      // Project the batch's few distinct vectors, then give each cell its row.
      NDArray projectedTable = sentences.table().matMul(p.get("sentence.w"))
          .add(p.get("sentence.b"));
      NDArray projected = sentences.rows().getNDArrayInternal()
          .embedding(sentences.rows(), projectedTable, SparseFormat.DENSE).singletonOrThrow();
      NDArray gate = Activation.sigmoid(p.get("sentence.gate"))
          .reshape(1, index.getShape().get(1), 1);
      NDArray mix = gate.mul(sentences.gated()).add(sentences.alone());
      embedded = embedded.add(projected.sub(embedded).mul(mix));
    }
    // (B, C, 1, F) x (C, F, d) -> (B, C, 1, d): one small matrix product per column.
    NDArray scalar = features.expandDims(2).matMul(p.get("scalar.w")).squeeze(2);
    return embedded.add(scalar);
  }

  /**
   * Runs the transformer.
   *
   * @param content (B, T, d) column tokens from {@link #content}, then any tokens of related
   *     tables (T = C + related tokens; their positions are the weights {@code relpos})
   * @param mask (B, T, 1) 1 where the token is hidden from the model, else 0
   */
  public static Output encode(Config c, Map<String, NDArray> p, NDArray content, NDArray mask) {
    long b = content.getShape().get(0);
    int d = c.dModel();
    NDArray visible = ScalarOps.add(mask.neg(), 1f);
    NDArray pos = p.get("pos");
    if (content.getShape().get(1) > c.columns()) {
      // Tokens of related tables follow the columns, with positions of their own.
      pos = pos.concat(p.get("relpos"), 0);
    }
    NDArray x = content.mul(visible).add(mask.mul(p.get("mask"))).add(pos);
    NDArray cls = p.get("cls").reshape(1, 1, d).broadcast(new Shape(b, 1, d));
    x = cls.concat(x, 1);
    NDArray lastInputs = null;
    for (int i = 0; i < c.layers(); i++) {
      String prefix = "layer" + i + ".";
      NDArray n1 = layerNorm(x, p.get(prefix + "ln1.g"), p.get(prefix + "ln1.b"));
      if (i == c.layers() - 1) {
        lastInputs = n1;
      }
      x = block(c, p, prefix, x, n1);
    }
    x = layerNorm(x, p.get("final.g"), p.get("final.b"));
    NDArray clsOut = x.get(new NDIndex(":, 0, :"));
    NDArray tokens = x.get(new NDIndex(":, 1:, :"));
    NDArray embedding = l2normalise(clsOut.matMul(p.get("proj.w")).add(p.get("proj.b")));
    return new Output(tokens, clsOut, embedding, lastInputs);
  }

  /**
   * One pre-norm block.
   *
   * @param n1 {@code x} normalised by the block's first layer norm (the caller keeps the last
   *     block's: {@link Output#lastLayerInputs})
   */
  private static NDArray block(Config c, Map<String, NDArray> p, String prefix, NDArray x,
      NDArray n1) {
    Shape s = x.getShape();
    long b = s.get(0);
    long t = s.get(1);
    int d = c.dModel();
    int h = c.heads();
    int dh = d / h;
    NDArray qkv = n1.matMul(p.get(prefix + "qkv.w")).add(p.get(prefix + "qkv.b"))
        .reshape(b, t, 3, h, dh).transpose(2, 0, 3, 1, 4);
    NDArray q = qkv.get(0);
    NDArray k = qkv.get(1);
    NDArray v = qkv.get(2);
    NDArray attention = ScalarOps.mul(q.matMul(k.transpose(0, 1, 3, 2)),
        (float) (1 / Math.sqrt(dh))).softmax(-1);
    NDArray mixed = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
    x = x.add(mixed.matMul(p.get(prefix + "out.w")).add(p.get(prefix + "out.b")));
    NDArray n2 = layerNorm(x, p.get(prefix + "ln2.g"), p.get(prefix + "ln2.b"));
    NDArray ff = gelu(n2.matMul(p.get(prefix + "ff1.w")).add(p.get(prefix + "ff1.b")))
        .matMul(p.get(prefix + "ff2.w")).add(p.get(prefix + "ff2.b"));
    return x.add(ff);
  }

  /** Layer normalisation over the last axis. */
  public static NDArray layerNorm(NDArray x, NDArray gain, NDArray shift) {
    long d = x.getShape().get(x.getShape().dimension() - 1);
    return x.getNDArrayInternal().layerNorm(x, new Shape(d), gain, shift, 1e-5f).singletonOrThrow();
  }

  /** Gaussian error linear unit. */
  public static NDArray gelu(NDArray x) {
    return x.getNDArrayInternal().gelu();
  }

  /** Scales the vectors along the last axis to unit length. */
  public static NDArray l2normalise(NDArray x) {
    int last = x.getShape().dimension() - 1;
    return x.div(ScalarOps.add(x.square().sum(new int[] {last}, true), 1e-12f).sqrt());
  }
}
