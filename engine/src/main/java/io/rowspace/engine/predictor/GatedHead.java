package io.rowspace.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.nn.FloatKernels;
import io.rowspace.engine.nn.MatrixKernel;
import io.rowspace.engine.nn.PackedMatrix;
import io.rowspace.engine.nn.ParameterLayout;

import io.rowspace.engine.store.ModelFile;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Head {@code gated_interactions}: gated linear units, {@code h = (W x + b) * sigmoid(G x + c)},
 * where one projection of the features scales another, so the output is multiplicative in the
 * inputs rather than a sum of their effects. The first unit maps the features to the hidden
 * width; each further unit adds its output to its input (residual); dropout precedes the linear
 * output.
 */
final class GatedHead implements PredictorHead {
  static final String NAME = "gated_interactions";
  static final int LAYERS = 2;

  private final int inputs;
  private final int hidden;
  private final int outputs;
  private final int layers;
  private final ParameterLayout layout;

  GatedHead(int inputs, int hidden, int outputs, int layers) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.layers = layers;
    this.layout = layout(inputs, hidden, outputs, layers);
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

  private static ParameterLayout layout(int inputs, int hidden, int outputs, int layers) {
    ParameterLayout layout = new ParameterLayout();
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? inputs : hidden;
      layout.add("glu" + l + ".w", new Shape(in, hidden), ParameterLayout.Init.NORMAL,
              1 / Math.sqrt(in), true)
          .add("glu" + l + ".b", new Shape(hidden), ParameterLayout.Init.ZEROS, 0, false)
          .add("glu" + l + ".g", new Shape(in, hidden), ParameterLayout.Init.NORMAL,
              1 / Math.sqrt(in), true)
          .add("glu" + l + ".c", new Shape(hidden), ParameterLayout.Init.ZEROS, 0, false);
    }
    return layout
        .add("out.w", new Shape(hidden, outputs), ParameterLayout.Init.NORMAL,
            0.5 / Math.sqrt(hidden), true)
        .add("out.b", new Shape(outputs), ParameterLayout.Init.ZEROS, 0, false);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dropoutWidth() {
    return hidden;
  }

  @Override
  public NDArray forward(Map<String, NDArray> p, NDArray x, NDArray dropout) {
    NDArray h = x;
    for (int l = 0; l < layers; l++) {
      String u = "glu" + l;
      NDArray value = h.matMul(p.get(u + ".w")).add(p.get(u + ".b"));
      NDArray gate = h.matMul(p.get(u + ".g")).add(p.get(u + ".c")).getNDArrayInternal()
          .sigmoid();
      NDArray unit = value.mul(gate);
      h = l == 0 ? unit : h.add(unit);
    }
    if (dropout != null) {
      h = h.mul(dropout);
    }
    return h.matMul(p.get("out.w")).add(p.get("out.b"));
  }

  @Override
  public HeadInference prepare(float[] weights) {
    MatrixKernel kernel = MatrixKernel.fastest();
    PackedMatrix[] value = new PackedMatrix[layers];
    PackedMatrix[] gate = new PackedMatrix[layers];
    float[][] valueBias = new float[layers][];
    float[][] gateBias = new float[layers][];
    for (int l = 0; l < layers; l++) {
      String u = "glu" + l;
      int in = l == 0 ? inputs : hidden;
      value[l] = PackedMatrix.of(weights, layout.offset(u + ".w"), in, hidden);
      valueBias[l] = FloatKernels.vector(weights, layout.offset(u + ".b"), hidden);
      gate[l] = PackedMatrix.of(weights, layout.offset(u + ".g"), in, hidden);
      gateBias[l] = FloatKernels.vector(weights, layout.offset(u + ".c"), hidden);
    }
    PackedMatrix outW = PackedMatrix.of(weights, layout.offset("out.w"), hidden, outputs);
    float[] outB = FloatKernels.vector(weights, layout.offset("out.b"), outputs);
    return (x, rows) -> {
      float[] h = x;
      int width = inputs;
      float[] v = new float[rows * hidden];
      float[] g = new float[rows * hidden];
      for (int l = 0; l < layers; l++) {
        kernel.linear(h, 0, width, rows, value[l], valueBias[l], v, 0, value[l].out());
        kernel.linear(h, 0, width, rows, gate[l], gateBias[l], g, 0, gate[l].out());
        float[] next = l == 0 ? new float[rows * hidden] : h;
        for (int i = 0; i < v.length; i++) {
          float unit = v[i] * FloatKernels.sigmoid(g[i]);
          next[i] = l == 0 ? unit : h[i] + unit;
        }
        h = next;
        width = hidden;
      }
      float[] out = new float[rows * outputs];
      kernel.linear(h, 0, hidden, rows, outW, outB, out, 0, outW.out());
      return out;
    };
  }

  @Override
  public Map<String, String> description() {
    return Map.of("hidden", Integer.toString(hidden), "gated_layers", Integer.toString(layers));
  }

  @Override
  public void write(DataOutput out) throws IOException {
    ModelFile.writeText(out, NAME);
    out.writeInt(inputs);
    out.writeInt(hidden);
    out.writeInt(outputs);
    out.writeInt(layers);
  }
}
