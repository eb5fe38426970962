package io.rowspace.engine.nn;

import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.SentenceCells;

/**
 * {@link TabularTransformer}'s forward pass for inference, in plain Java over float arrays: the
 * same arithmetic (column tokens, masking, positions, pre-norm attention and GELU blocks, the
 * normalised projection of the CLS output) with the weights packed once, when the model is
 * loaded, into the panels {@link MatrixKernel} reads ({@link PackedMatrix}). Products run on
 * {@link MatrixKernel#fastest()} (SIMD where the JVM has the Vector API; the scalar kernel gives
 * the same bits); attention is fused per row and head (scores, softmax and the weighted sum of
 * values in registers and one small array, no intermediate matrices). It equals the PyTorch pass
 * to float rounding and gives a row the same bits alone or in any batch.
 *
 * <p>Immutable once built; {@link #content} and {@link #encode} may run on several threads.
 */
public final class TransformerInference {
  private final TabularTransformer.Config config;
  private final MatrixKernel kernel;
  private final float[] embed;
  private final PackedMatrix[] scalar;
  private final float[] maskToken;
  private final float[][] positions;
  private final float[] cls;
  private final Block[] blocks;
  /** The last layer's query weights and its key and value weights, apart (see {@link #encode}). */
  private final PackedMatrix lastQuery;
  private final float[] lastQueryBias;
  private final PackedMatrix lastKeysValues;
  private final float[] lastKeysValuesBias;
  private final float[] finalGain;
  private final float[] finalShift;
  private final PackedMatrix projection;
  private final float[] projectionBias;
  private final PackedMatrix sentenceWeights;
  private final float[] sentenceBias;
  private final float[] sentenceGate;

  private record Block(float[] ln1g, float[] ln1b, PackedMatrix qkv, float[] qkvb,
      PackedMatrix out, float[] outb, float[] ln2g, float[] ln2b, PackedMatrix ff1, float[] ff1b,
      PackedMatrix ff2, float[] ff2b) {}

  /**
   * What one forward pass produces, row-major like {@link TabularTransformer.Output};
   * {@code tokens} holds the token outputs the pass was asked for ({@link TokenOutputs}), null
   * for none.
   */
  public record Output(float[] tokens, float[] cls, float[] embedding) {}

  /**
   * Prepares the weights of a transformer.
   *
   * @param relatedTokens tokens of related tables after the columns (their positions are the
   *     weights {@code relpos})
   */
  public TransformerInference(TabularTransformer.Config config, ParameterLayout layout,
      float[] flat, int relatedTokens) {
    this.config = config;
    this.kernel = MatrixKernel.fastest();
    int d = config.dModel();
    int c = config.columns();
    int f = config.features();
    this.embed = FloatKernels.vector(flat, layout.offset("embed"), config.vocabulary() * d);
    this.scalar = new PackedMatrix[c];
    for (int j = 0; j < c; j++) {
      scalar[j] = PackedMatrix.of(flat, layout.offset("scalar.w") + (long) j * f * d, f, d);
    }
    this.maskToken = FloatKernels.vector(flat, layout.offset("mask"), d);
    this.positions = new float[c + relatedTokens][];
    for (int j = 0; j < positions.length; j++) {
      positions[j] = j < c
          ? FloatKernels.vector(flat, layout.offset("pos") + (long) j * d, d)
          : FloatKernels.vector(flat, layout.offset("relpos") + (long) (j - c) * d, d);
    }
    this.cls = FloatKernels.vector(flat, layout.offset("cls"), d);
    this.blocks = new Block[config.layers()];
    for (int i = 0; i < blocks.length; i++) {
      String p = "layer" + i + ".";
      blocks[i] = new Block(v(flat, layout, p + "ln1.g"), v(flat, layout, p + "ln1.b"),
          m(flat, layout, p + "qkv.w", d, 3 * d), v(flat, layout, p + "qkv.b"),
          m(flat, layout, p + "out.w", d, d), v(flat, layout, p + "out.b"),
          v(flat, layout, p + "ln2.g"), v(flat, layout, p + "ln2.b"),
          m(flat, layout, p + "ff1.w", d, 2 * d), v(flat, layout, p + "ff1.b"),
          m(flat, layout, p + "ff2.w", 2 * d, d), v(flat, layout, p + "ff2.b"));
    }
    String last = "layer" + (blocks.length - 1) + ".";
    long qkvAt = layout.offset(last + "qkv.w");
    this.lastQuery = PackedMatrix.columns(flat, qkvAt, d, 3 * d, 0, d);
    this.lastKeysValues = PackedMatrix.columns(flat, qkvAt, d, 3 * d, d, 2 * d);
    float[] lastBias = v(flat, layout, last + "qkv.b");
    this.lastQueryBias = java.util.Arrays.copyOfRange(lastBias, 0, d);
    this.lastKeysValuesBias = java.util.Arrays.copyOfRange(lastBias, d, 3 * d);
    this.finalGain = v(flat, layout, "final.g");
    this.finalShift = v(flat, layout, "final.b");
    this.projection = m(flat, layout, "proj.w", d, config.embeddingDim());
    this.projectionBias = v(flat, layout, "proj.b");
    if (config.sentenceDim() > 0) {
      this.sentenceWeights = m(flat, layout, "sentence.w", config.sentenceDim(), d);
      this.sentenceBias = v(flat, layout, "sentence.b");
      this.sentenceGate = v(flat, layout, "sentence.gate");
    } else {
      this.sentenceWeights = null;
      this.sentenceBias = null;
      this.sentenceGate = null;
    }
  }

  /** The matrix kernel the products run on ({@code vector-api} or {@code scalar}). */
  public String kernel() {
    return kernel.name();
  }

  private static PackedMatrix m(float[] flat, ParameterLayout layout, String name, int in,
      int out) {
    return PackedMatrix.of(flat, layout.offset(name), in, out);
  }

  private static float[] v(float[] flat, ParameterLayout layout, String name) {
    return FloatKernels.vector(flat, layout.offset(name), Math.toIntExact(layout.size(name)));
  }

  /**
   * Column tokens before masking and positions, as {@link TabularTransformer#content}: written
   * into {@code into} at row stride {@code tokens * d} (tokens of related tables may follow).
   */
  public void content(EncodedRows rows, float[] into, int tokens) {
    int b = rows.rows();
    int c = rows.columns();
    int s = rows.slots();
    int f = rows.features();
    int d = config.dModel();
    int[] index = rows.index();
    float[] values = rows.values();
    SentenceCells cells = rows.sentences();
    float[] projected = null;
    if (cells.present()) {
      projected = new float[cells.tableRows() * d];
      kernel.linear(cells.table(), 0, cells.dimension(), cells.tableRows(), sentenceWeights,
          sentenceBias, projected, 0, d);
    }
    // Each column's numeric features times its own weights, for all rows at once
    int used = config.features();
    float[] features = values;
    int stride = f;
    if (f != used) {
      features = new float[b * c * used];
      stride = used;
      for (int cell = 0; cell < b * c; cell++) {
        System.arraycopy(values, cell * f, features, cell * used, Math.min(f, used));
      }
    }
    float[] scalarParts = new float[c * b * d];
    for (int j = 0; j < c; j++) {
      kernel.linear(features, j * stride, c * stride, b, scalar[j], null, scalarParts, j * b * d,
          d);
    }
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < c; j++) {
        int cell = r * c + j;
        int o = (r * tokens + j) * d;
        int slot0 = index[cell * s] * d;
        System.arraycopy(embed, slot0, into, o, d);
        if (s > 1) {
          for (int k = 1; k < s; k++) {
            int slot = index[cell * s + k] * d;
            for (int m = 0; m < d; m++) {
              into[o + m] += embed[slot + m];
            }
          }
          for (int m = 0; m < d; m++) {
            into[o + m] /= s;
          }
        }
        if (projected != null) {
          byte use = cells.use()[cell];
          float mix = (use == SentenceCells.GATED ? FloatKernels.sigmoid(sentenceGate[j]) : 0f)
              + (use == SentenceCells.ALONE ? 1f : 0f);
          int p = cells.rows()[cell] * d;
          for (int m = 0; m < d; m++) {
            into[o + m] += (projected[p + m] - into[o + m]) * mix;
          }
        }
        int part = (j * b + r) * d;
        for (int m = 0; m < d; m++) {
          into[o + m] += scalarParts[part + m];
        }
      }
    }
  }

  /**
   * Runs the transformer on {@code b} rows of {@code t} tokens, every output of the last layer.
   *
   * @param content (b, t, d) tokens from {@link #content} and of related tables
   * @param masked per token position, whether it is hidden from the model
   */
  public Output encode(float[] content, int b, int t, boolean[] masked) {
    return encode(content, b, t, masked, TokenOutputs.LAST_LAYER);
  }

  /**
   * Runs the transformer on {@code b} rows of {@code t} tokens.
   *
   * <p>Unless the last layer's token outputs are asked for ({@link TokenOutputs#LAST_LAYER}),
   * the last layer runs its attention and feed-forward for the CLS query alone (its keys and
   * values still come from every token): nothing after the last layer's keys and values mixes
   * tokens, so the other tokens' last-layer work would only feed outputs nobody reads. The CLS
   * output and the embedding are the same bits either way ({@link FloatKernels#attend} and the
   * kernels compute each row and column on its own); {@link TokenOutputs#PENULTIMATE_LAYER}
   * returns the tokens as the last layer's first layer norm made them for those keys and values.
   *
   * @param content (b, t, d) tokens from {@link #content} and of related tables
   * @param masked per token position, whether it is hidden from the model
   * @param which the token outputs wanted; with {@link TokenOutputs#NONE} {@link Output#tokens}
   *     is null
   */
  public Output encode(float[] content, int b, int t, boolean[] masked, TokenOutputs which) {
    int d = config.dModel();
    int t1 = t + 1;
    int n = b * t1;
    float[] x = new float[n * d];
    for (int r = 0; r < b; r++) {
      System.arraycopy(cls, 0, x, r * t1 * d, d);
      for (int j = 0; j < t; j++) {
        int o = (r * t1 + 1 + j) * d;
        float[] pos = positions[j];
        if (masked[j]) {
          for (int m = 0; m < d; m++) {
            x[o + m] = maskToken[m] + pos[m];
          }
        } else {
          int from = (r * t + j) * d;
          for (int m = 0; m < d; m++) {
            x[o + m] = content[from + m] + pos[m];
          }
        }
      }
    }
    float[] normed = new float[n * d];
    float[] qkv = new float[n * 3 * d];
    float[] mixed = new float[n * d];
    float[] hidden = new float[n * 2 * d];
    float[] update = new float[n * d];
    boolean wholeLastLayer = which.wholeLastLayer();
    int full = wholeLastLayer ? blocks.length : blocks.length - 1;
    for (int i = 0; i < full; i++) {
      Block block = blocks[i];
      kernel.layerNorm(x, 0, n, d, block.ln1g, block.ln1b, normed, 0);
      kernel.linear(normed, 0, d, n, block.qkv, block.qkvb, qkv, 0, 3 * d);
      kernel.attention(qkv, b, t1, d, config.heads(), mixed);
      kernel.linear(mixed, 0, d, n, block.out, block.outb, update, 0, d);
      add(x, update);
      kernel.layerNorm(x, 0, n, d, block.ln2g, block.ln2b, normed, 0);
      kernel.linear(normed, 0, d, n, block.ff1, block.ff1b, hidden, 0, 2 * d);
      kernel.gelu(hidden, 0, hidden.length);
      kernel.linear(hidden, 0, 2 * d, n, block.ff2, block.ff2b, update, 0, d);
      add(x, update);
    }
    float[] clsOut = new float[b * d];
    float[] tokens = null;
    if (wholeLastLayer) {
      kernel.layerNorm(x, 0, n, d, finalGain, finalShift, x, 0);
      tokens = new float[b * t * d];
      for (int r = 0; r < b; r++) {
        System.arraycopy(x, r * t1 * d, clsOut, r * d, d);
        System.arraycopy(x, (r * t1 + 1) * d, tokens, r * t * d, t * d);
      }
    } else {
      lastLayerForCls(x, b, t1, normed, qkv, clsOut);
      kernel.layerNorm(clsOut, 0, b, d, finalGain, finalShift, clsOut, 0);
      if (which == TokenOutputs.PENULTIMATE_LAYER) {
        tokens = new float[b * t * d];
        for (int r = 0; r < b; r++) {
          System.arraycopy(normed, (r * t1 + 1) * d, tokens, r * t * d, t * d);
        }
      }
    }
    int e = config.embeddingDim();
    float[] embedding = new float[b * e];
    kernel.linear(clsOut, 0, d, b, projection, projectionBias, embedding, 0, e);
    FloatKernels.l2normalise(embedding, 0, b, e);
    return new Output(tokens, clsOut, embedding);
  }

  /**
   * The last layer for the CLS query of each row: keys and values of every token, then the
   * CLS token's attention, output projection and feed-forward, written to {@code cls} (b, d)
   * before the final normalisation.
   *
   * @param normed scratch of at least (b * t1, d); on return every token normalised by the last
   *     layer's first layer norm
   * @param kv scratch of at least (b * t1, 2d)
   */
  private void lastLayerForCls(float[] x, int b, int t1, float[] normed, float[] kv,
      float[] cls) {
    int d = config.dModel();
    int n = b * t1;
    int h = config.heads();
    int dh = d / h;
    Block block = blocks[blocks.length - 1];
    kernel.layerNorm(x, 0, n, d, block.ln1g, block.ln1b, normed, 0);
    kernel.linear(normed, 0, d, n, lastKeysValues, lastKeysValuesBias, kv, 0, 2 * d);
    float[] query = new float[b * d];
    kernel.linear(normed, 0, t1 * d, b, lastQuery, lastQueryBias, query, 0, d);
    float[] mixed = new float[b * d];
    float scale = (float) (1 / Math.sqrt(dh));
    float[] scores = new float[t1];
    int stride = 2 * d;
    for (int r = 0; r < b; r++) {
      for (int head = 0; head < h; head++) {
        int keys = r * t1 * stride + head * dh;
        FloatKernels.attend(query, r * d + head * dh, kv, keys, keys + d, stride, t1, dh, scale,
            scores, mixed, r * d + head * dh);
      }
    }
    for (int r = 0; r < b; r++) {
      System.arraycopy(x, r * t1 * d, cls, r * d, d);
    }
    float[] update = new float[b * d];
    kernel.linear(mixed, 0, d, b, block.out, block.outb, update, 0, d);
    add(cls, update);
    float[] clsNormed = new float[b * d];
    kernel.layerNorm(cls, 0, b, d, block.ln2g, block.ln2b, clsNormed, 0);
    float[] hidden = new float[b * 2 * d];
    kernel.linear(clsNormed, 0, d, b, block.ff1, block.ff1b, hidden, 0, 2 * d);
    kernel.gelu(hidden, 0, hidden.length);
    kernel.linear(hidden, 0, 2 * d, b, block.ff2, block.ff2b, update, 0, d);
    add(cls, update);
  }

  private static void add(float[] x, float[] update) {
    for (int i = 0; i < x.length; i++) {
      x[i] += update[i];
    }
  }
}
