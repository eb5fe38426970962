package io.rowspace.engine.predictor;

import ai.djl.ndarray.NDArray;

import io.rowspace.engine.nn.ParameterLayout;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * The network a predictor trains on the space's (standardised) features: what option
 * {@code head} chooses. Every head keeps its weights in one flat vector described by its
 * {@link #layout()}, so training, saving and prediction treat them alike.
 *
 * <ul>
 *   <li>{@code mlp} ({@link MlpHead}, the default): one GELU hidden layer;
 *   <li>{@code crossnet} and {@code lowrank_cross} ({@link CrossHead}): DCN-v2 cross layers, full
 *       or low-rank, in parallel with the MLP's hidden layer;
 *   <li>{@code gated_interactions} ({@link GatedHead}): gated linear units.
 * </ul>
 */
public sealed interface PredictorHead permits MlpHead, CrossHead, GatedHead {
  /** Width of the hidden layer of every head (the MLP's, the cross head's deep part, the GLUs'). */
  int HIDDEN = 64;

  /** The value of option {@code head} this network implements. */
  String name();

  /** Features per row. */
  int inputs();

  /** Outputs per row: class logits, or one standardised value for regression. */
  int outputs();

  ParameterLayout layout();

  /** Width of the per-row dropout keep-mask {@link #forward} takes. */
  int dropoutWidth();

  /**
   * Output logits (classification) or standardised values (regression), shape (B, outputs).
   *
   * <p>The same pass runs several models of this head at once, each on rows of its own, when
   * {@code p} is {@link ParameterLayout#stackedViews} of their stacked weights and {@code x} and
   * {@code dropout} carry a leading model axis: (models, B, inputs) in, (models, B, outputs) out.
   *
   * @param p the layout's views of the flat parameter vector
   * @param x standardised features, shape (B, inputs)
   * @param dropout (B, dropoutWidth) keep-mask already scaled by 1/(1-rate), or null at inference
   */
  NDArray forward(Map<String, NDArray> p, NDArray x, NDArray dropout);

  /** The Java forward pass at inference over the given flat weights (the layout's order). */
  HeadInference prepare(float[] weights);

  /** The head's sizes, recorded among the predictor's resolved options. */
  Map<String, String> description();

  /** Writes the head's name and sizes; {@link #read} reads them back. */
  void write(DataOutput out) throws IOException;

  /** The head option {@code head} names, for the given feature and output counts. */
  static PredictorHead of(PredictorOptions.Head kind, int inputs, int outputs) {
    return switch (kind) {
      case MLP -> new MlpHead(inputs, HIDDEN, outputs);
      case CROSSNET -> new CrossHead(inputs, HIDDEN, outputs, CrossHead.LAYERS, 0);
      case LOWRANK_CROSS -> new CrossHead(inputs, HIDDEN, outputs, CrossHead.LAYERS,
          Math.min(CrossHead.RANK, inputs));
      case GATED_INTERACTIONS -> new GatedHead(inputs, HIDDEN, outputs, GatedHead.LAYERS);
    };
  }

  /** An MLP head of the given sizes (what predictor files before format 3 hold). */
  static PredictorHead mlp(int inputs, int hidden, int outputs) {
    return new MlpHead(inputs, hidden, outputs);
  }

  /** Reads a head written by {@link #write} (predictor format version 3 and later). */
  static PredictorHead read(DataInput in) throws IOException {
    String name = ModelFile.readText(in);
    int inputs = size(in.readInt());
    int hidden = size(in.readInt());
    int outputs = size(in.readInt());
    return switch (name) {
      case MlpHead.NAME -> new MlpHead(inputs, hidden, outputs);
      case CrossHead.FULL, CrossHead.LOW_RANK -> {
        int layers = size(in.readInt());
        int rank = in.readInt();
        if ((rank == 0) != name.equals(CrossHead.FULL) || rank < 0 || rank > inputs) {
          throw new IOException("invalid rank " + rank + " for head " + name);
        }
        yield new CrossHead(inputs, hidden, outputs, layers, rank);
      }
      case GatedHead.NAME -> new GatedHead(inputs, hidden, outputs, size(in.readInt()));
      default -> throw new IOException("unknown head '" + name + "'");
    };
  }

  private static int size(int n) throws IOException {
    if (n < 1 || n > 1 << 20) {
      throw new IOException("invalid head size " + n);
    }
    return n;
  }
}
