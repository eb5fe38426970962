package io.rowspace.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.nn.FloatKernels;
import io.rowspace.engine.nn.MatrixKernel;
import io.rowspace.engine.nn.PackedMatrix;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;

import io.rowspace.engine.store.ModelFile;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Heads {@code crossnet} and {@code lowrank_cross}: the parallel form of a deep and cross network
 * (DCN-v2). Cross layers {@code x_{l+1} = x_0 * (W_l x_l + b_l) + x_l} each raise the degree of
 * the feature interactions by one, so products of features such as {@code x1 * x2} are explicit
 * after the first layer; beside them, the MLP's GELU hidden layer sees the same features, and one
 * linear output reads both, through dropout. {@code lowrank_cross} factors each {@code W_l} as
 * {@code U_l V_l^T} of rank {@link #RANK}, for wide feature vectors.
 *
 * <p>Cross weights start small, so the cross part starts near the identity and the network near
 * a linear model plus the MLP.
 */
final class CrossHead implements PredictorHead {
  static final String FULL = "crossnet";
  static final String LOW_RANK = "lowrank_cross";
  static final int LAYERS = 2;
  static final int RANK = 16;
  /** Scale of the cross weights' initial values: the cross term starts at a quarter of x_0. */
  private static final double CROSS_SCALE = 0.25;

  private final int inputs;
  private final int hidden;
  private final int outputs;
  private final int layers;
  private final int rank;
  private final ParameterLayout layout;

  /** A cross head; {@code rank} 0 for full {@code W_l} ({@code crossnet}), else their rank. */
  CrossHead(int inputs, int hidden, int outputs, int layers, int rank) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.layers = layers;
    this.rank = rank;
    this.layout = layout(inputs, hidden, outputs, layers, rank);
  }

  @Override
  public int inputs() {
    return inputs;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  private static ParameterLayout layout(int inputs, int hidden, int outputs, int layers,
      int rank) {
    ParameterLayout layout = new ParameterLayout();
    for (int l = 0; l < layers; l++) {
      if (rank == 0) {
        layout.add("cross" + l + ".w", new Shape(inputs, inputs), ParameterLayout.Init.NORMAL,
            CROSS_SCALE / Math.sqrt(inputs), true);
      } else {
        layout.add("cross" + l + ".v", new Shape(inputs, rank), ParameterLayout.Init.NORMAL,
                1 / Math.sqrt(inputs), true)
            .add("cross" + l + ".u", new Shape(rank, inputs), ParameterLayout.Init.NORMAL,
                CROSS_SCALE / Math.sqrt(rank), true);
      }
      layout.add("cross" + l + ".b", new Shape(inputs), ParameterLayout.Init.ZEROS, 0, false);
    }
    return layout
        .add("deep.w", new Shape(inputs, hidden), ParameterLayout.Init.NORMAL,
            1 / Math.sqrt(inputs), true)
        .add("deep.b", new Shape(hidden), ParameterLayout.Init.ZEROS, 0, false)
        .add("out.cross", new Shape(inputs, outputs), ParameterLayout.Init.NORMAL,
            0.5 / Math.sqrt(inputs), true)
        .add("out.deep", new Shape(hidden, outputs), ParameterLayout.Init.NORMAL,
            0.5 / Math.sqrt(hidden), true)
        .add("out.b", new Shape(outputs), ParameterLayout.Init.ZEROS, 0, false);
  }

  @Override
  public String name() {
    return rank == 0 ? FULL : LOW_RANK;
  }

  @Override
  public int dropoutWidth() {
    return inputs + hidden;
  }

  @Override
  public NDArray forward(Map<String, NDArray> p, NDArray x, NDArray dropout) {
    NDArray cross = x;
    for (int l = 0; l < layers; l++) {
      NDArray mixed = rank == 0
          ? cross.matMul(p.get("cross" + l + ".w"))
          : cross.matMul(p.get("cross" + l + ".v")).matMul(p.get("cross" + l + ".u"));
      cross = x.mul(mixed.add(p.get("cross" + l + ".b"))).add(cross);
    }
    NDArray deep = TabularTransformer.gelu(x.matMul(p.get("deep.w")).add(p.get("deep.b")));
    if (dropout != null) {
      // Over the last axis, so that stacked models (a leading model axis) slice alike.
      cross = cross.mul(dropout.get("..., :" + inputs));
      deep = deep.mul(dropout.get("..., " + inputs + ":"));
    }
    return cross.matMul(p.get("out.cross")).add(deep.matMul(p.get("out.deep")))
        .add(p.get("out.b"));
  }

  @Override
  public HeadInference prepare(float[] weights) {
    MatrixKernel kernel = MatrixKernel.fastest();
    PackedMatrix[] full = new PackedMatrix[layers];
    PackedMatrix[] down = new PackedMatrix[layers];
    PackedMatrix[] up = new PackedMatrix[layers];
    float[][] bias = new float[layers][];
    for (int l = 0; l < layers; l++) {
      String c = "cross" + l;
      if (rank == 0) {
        full[l] = PackedMatrix.of(weights, layout.offset(c + ".w"), inputs, inputs);
      } else {
        down[l] = PackedMatrix.of(weights, layout.offset(c + ".v"), inputs, rank);
        up[l] = PackedMatrix.of(weights, layout.offset(c + ".u"), rank, inputs);
      }
      bias[l] = FloatKernels.vector(weights, layout.offset(c + ".b"), inputs);
    }
    PackedMatrix deepW = PackedMatrix.of(weights, layout.offset("deep.w"), inputs, hidden);
    float[] deepB = FloatKernels.vector(weights, layout.offset("deep.b"), hidden);
    PackedMatrix outCross = PackedMatrix.of(weights, layout.offset("out.cross"), inputs, outputs);
    PackedMatrix outDeep = PackedMatrix.of(weights, layout.offset("out.deep"), hidden, outputs);
    float[] outB = FloatKernels.vector(weights, layout.offset("out.b"), outputs);
    return (x, rows) -> {
      float[] cross = x.clone();
      float[] mixed = new float[rows * inputs];
      float[] low = rank == 0 ? null : new float[rows * rank];
      for (int l = 0; l < layers; l++) {
        if (rank == 0) {
          kernel.linear(cross, 0, inputs, rows, full[l], null, mixed, 0, full[l].out());
        } else {
          kernel.linear(cross, 0, inputs, rows, down[l], null, low, 0, down[l].out());
          kernel.linear(low, 0, rank, rows, up[l], null, mixed, 0, up[l].out());
        }
        float[] b = bias[l];
        for (int r = 0; r < rows; r++) {
          int o = r * inputs;
          for (int j = 0; j < inputs; j++) {
            cross[o + j] = x[o + j] * (mixed[o + j] + b[j]) + cross[o + j];
          }
        }
      }
      float[] deep = new float[rows * hidden];
      kernel.linear(x, 0, inputs, rows, deepW, deepB, deep, 0, deepW.out());
      kernel.gelu(deep, 0, deep.length);
      float[] out = new float[rows * outputs];
      kernel.linear(cross, 0, inputs, rows, outCross, null, out, 0, outCross.out());
      float[] fromDeep = new float[rows * outputs];
      kernel.linear(deep, 0, hidden, rows, outDeep, null, fromDeep, 0, outDeep.out());
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < outputs; j++) {
          int i = r * outputs + j;
          out[i] = out[i] + fromDeep[i] + outB[j];
        }
      }
      return out;
    };
  }

  @Override
  public Map<String, String> description() {
    return rank == 0
        ? Map.of("hidden", Integer.toString(hidden), "cross_layers", Integer.toString(layers))
        : Map.of("hidden", Integer.toString(hidden), "cross_layers", Integer.toString(layers),
            "cross_rank", Integer.toString(rank));
  }

  @Override
  public void write(DataOutput out) throws IOException {
    ModelFile.writeText(out, name());
    out.writeInt(inputs);
    out.writeInt(hidden);
    out.writeInt(outputs);
    out.writeInt(layers);
    out.writeInt(rank);
  }
}
