package io.rowspace.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;

import java.util.Map;

/** The predictor's network: one GELU hidden layer with dropout, then a linear output. */
final class MlpHead {
  final int inputs;
  final int hidden;
  final int outputs;
  final ParameterLayout layout;

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

  /**
   * Output logits (classification) or standardised values (regression), shape (B, outputs).
   *
   * @param dropout (B, hidden) keep-mask already scaled by 1/(1-rate), or null at inference
   */
  NDArray forward(Map<String, NDArray> p, NDArray x, NDArray dropout) {
    NDArray h = TabularTransformer.gelu(x.matMul(p.get("w1")).add(p.get("b1")));
    if (dropout != null) {
      h = h.mul(dropout);
    }
    return h.matMul(p.get("w2")).add(p.get("b2"));
  }
}
