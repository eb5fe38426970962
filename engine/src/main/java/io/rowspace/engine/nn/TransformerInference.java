package io.rowspace.engine.nn;

import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.SentenceCells;
import io.rowspace.engine.nn.FloatKernels.Matrix;

/**
 * {@link TabularTransformer}'s forward pass for inference, in plain Java over float arrays: the
 * same arithmetic (column tokens, masking, positions, pre-norm attention and GELU blocks, the
 * normalised projection of the CLS output) with the weights copied once, when the model is
 * loaded, into the shapes {@link FloatKernels} reads fastest. It equals the PyTorch pass to float
 * rounding and gives a row the same bits alone or in any batch.
 *
 * <p>Immutable once built; {@link #content} and {@link #encode} may run on several threads.
 */
public final class TransformerInference {
  private final TabularTransformer.Config config;
  private final float[] embed;
  private final Matrix[] scalar;
  private final float[] maskToken;
  private final float[][] positions;
  private final float[] cls;
  private final Block[] blocks;
  private final float[] finalGain;
  private final float[] finalShift;
  private final Matrix projection;
  private final float[] projectionBias;
  private final Matrix sentenceWeights;
  private final float[] sentenceBias;
  private final float[] sentenceGate;

  private record Block(float[] ln1g, float[] ln1b, Matrix qkv, float[] qkvb, Matrix out,
      float[] outb, float[] ln2g, float[] ln2b, Matrix ff1, float[] ff1b, Matrix ff2,
      float[] ff2b) {}

  /** What one forward pass produces, row-major like {@link TabularTransformer.Output}. */
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
    int d = config.dModel();
    int c = config.columns();
    int f = config.features();
    this.embed = FloatKernels.vector(flat, layout.offset("embed"), config.vocabulary() * d);
    this.scalar = new Matrix[c];
    for (int j = 0; j < c; j++) {
      scalar[j] = Matrix.of(flat, layout.offset("scalar.w") + (long) j * f * d, f, d);
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
          Matrix.of(flat, layout.offset(p + "qkv.w"), d, 3 * d), v(flat, layout, p + "qkv.b"),
          Matrix.of(flat, layout.offset(p + "out.w"), d, d), v(flat, layout, p + "out.b"),
          v(flat, layout, p + "ln2.g"), v(flat, layout, p + "ln2.b"),
          Matrix.of(flat, layout.offset(p + "ff1.w"), d, 2 * d), v(flat, layout, p + "ff1.b"),
          Matrix.of(flat, layout.offset(p + "ff2.w"), 2 * d, d), v(flat, layout, p + "ff2.b"));
    }
    this.finalGain = v(flat, layout, "final.g");
    this.finalShift = v(flat, layout, "final.b");
    this.projection = Matrix.of(flat, layout.offset("proj.w"), d, config.embeddingDim());
    this.projectionBias = v(flat, layout, "proj.b");
    if (config.sentenceDim() > 0) {
      this.sentenceWeights = Matrix.of(flat, layout.offset("sentence.w"), config.sentenceDim(), d);
      this.sentenceBias = v(flat, layout, "sentence.b");
      this.sentenceGate = v(flat, layout, "sentence.gate");
    } else {
      this.sentenceWeights = null;
      this.sentenceBias = null;
      this.sentenceGate = null;
    }
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
      FloatKernels.linear(cells.table(), 0, cells.dimension(), cells.tableRows(), sentenceWeights,
          sentenceBias, projected, 0);
    }
    float[] scalarPart = new float[d];
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
        java.util.Arrays.fill(scalarPart, 0f);
        float[][] w = scalar[j].rows();
        for (int k = 0; k < Math.min(f, config.features()); k++) {
          float a = values[cell * f + k];
          float[] wk = w[k];
          for (int m = 0; m < d; m++) {
            scalarPart[m] += a * wk[m];
          }
        }
        for (int m = 0; m < d; m++) {
          into[o + m] += scalarPart[m];
        }
      }
    }
  }

  /**
   * Runs the transformer on {@code b} rows of {@code t} tokens.
   *
   * @param content (b, t, d) tokens from {@link #content} and of related tables
   * @param masked per token position, whether it is hidden from the model
   */
  public Output encode(float[] content, int b, int t, boolean[] masked) {
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
    for (Block block : blocks) {
      FloatKernels.layerNorm(x, 0, n, d, block.ln1g, block.ln1b, normed, 0);
      FloatKernels.linear(normed, 0, d, n, block.qkv, block.qkvb, qkv, 0);
      attention(qkv, b, t1, mixed);
      FloatKernels.linear(mixed, 0, d, n, block.out, block.outb, update, 0);
      add(x, update);
      FloatKernels.layerNorm(x, 0, n, d, block.ln2g, block.ln2b, normed, 0);
      FloatKernels.linear(normed, 0, d, n, block.ff1, block.ff1b, hidden, 0);
      FloatKernels.gelu(hidden, 0, hidden.length);
      FloatKernels.linear(hidden, 0, 2 * d, n, block.ff2, block.ff2b, update, 0);
      add(x, update);
    }
    FloatKernels.layerNorm(x, 0, n, d, finalGain, finalShift, x, 0);
    float[] clsOut = new float[b * d];
    float[] tokens = new float[b * t * d];
    for (int r = 0; r < b; r++) {
      System.arraycopy(x, r * t1 * d, clsOut, r * d, d);
      System.arraycopy(x, (r * t1 + 1) * d, tokens, r * t * d, t * d);
    }
    int e = config.embeddingDim();
    float[] embedding = new float[b * e];
    FloatKernels.linear(clsOut, 0, d, b, projection, projectionBias, embedding, 0);
    FloatKernels.l2normalise(embedding, 0, b, e);
    return new Output(tokens, clsOut, embedding);
  }

  /** Multi-head self-attention within each row's tokens: qkv (b, t1, 3d) to mixed (b, t1, d). */
  private void attention(float[] qkv, int b, int t1, float[] mixed) {
    int d = config.dModel();
    int h = config.heads();
    int dh = d / h;
    float scale = (float) (1 / Math.sqrt(dh));
    float[] scores = new float[t1];
    java.util.Arrays.fill(mixed, 0f);
    for (int r = 0; r < b; r++) {
      int rowBase = r * t1;
      for (int head = 0; head < h; head++) {
        int qOff = head * dh;
        int kOff = d + head * dh;
        int vOff = 2 * d + head * dh;
        for (int i = 0; i < t1; i++) {
          int q = (rowBase + i) * 3 * d + qOff;
          for (int j = 0; j < t1; j++) {
            int k = (rowBase + j) * 3 * d + kOff;
            float dot = 0;
            for (int m = 0; m < dh; m++) {
              dot += qkv[q + m] * qkv[k + m];
            }
            scores[j] = dot * scale;
          }
          FloatKernels.softmax(scores, 0, t1);
          int o = (rowBase + i) * d + head * dh;
          for (int j = 0; j < t1; j++) {
            float p = scores[j];
            int v = (rowBase + j) * 3 * d + vOff;
            for (int m = 0; m < dh; m++) {
              mixed[o + m] += p * qkv[v + m];
            }
          }
        }
      }
    }
  }

  private static void add(float[] x, float[] update) {
    for (int i = 0; i < x.length; i++) {
      x[i] += update[i];
    }
  }
}
