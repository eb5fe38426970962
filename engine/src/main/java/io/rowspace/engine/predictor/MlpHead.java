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

/** Head {@code mlp}: one GELU hidden layer with dropout, then a linear output. */
final class MlpHead implements PredictorHead {
  static final String NAME = "mlp";

  private final int inputs;
  private final int hidden;
  private final int outputs;
  private final ParameterLayout layout;

  MlpHead(int inputs, int hidden, int outputs) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.layout = new ParameterLayout()
        .add("w1", new Shape(inputs, hidden), ParameterLayout.Init.NORMAL,
            1 / Math.sqrt(inputs), true)
        .add("b1", new Shape(hidden), ParameterLayout.Init.ZEROS, 0, false)
        .add("w2", new Shape(hidden, outputs), ParameterLayout.Init.NORMAL,
            0.5 / Math.sqrt(hidden), true)
        .add("b2", new Shape(outputs), ParameterLayout.Init.ZEROS, 0, false);
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
    NDArray h = TabularTransformer.gelu(x.matMul(p.get("w1")).add(p.get("b1")));
    if (dropout != null) {
      h = h.mul(dropout);
    }
    return h.matMul(p.get("w2")).add(p.get("b2"));
  }

  @Override
  public HeadInference prepare(float[] weights) {
    MatrixKernel kernel = MatrixKernel.fastest();
    PackedMatrix w1 = PackedMatrix.of(weights, layout.offset("w1"), inputs, hidden);
    float[] b1 = FloatKernels.vector(weights, layout.offset("b1"), hidden);
    PackedMatrix w2 = PackedMatrix.of(weights, layout.offset("w2"), hidden, outputs);
    float[] b2 = FloatKernels.vector(weights, layout.offset("b2"), outputs);
    return (x, rows) -> {
      float[] h = new float[rows * hidden];
      kernel.linear(x, 0, inputs, rows, w1, b1, h, 0, w1.out());
      kernel.gelu(h, 0, h.length);
      float[] out = new float[rows * outputs];
      kernel.linear(h, 0, hidden, rows, w2, b2, out, 0, w2.out());
      return out;
    };
  }

  @Override
  public Map<String, String> description() {
    return Map.of("hidden", Integer.toString(hidden));
  }

  @Override
  public void write(DataOutput out) throws IOException {
    ModelFile.writeText(out, NAME);
    out.writeInt(inputs);
    out.writeInt(hidden);
    out.writeInt(outputs);
  }
}
