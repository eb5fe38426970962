package io.rowspace.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.nn.BatchPadding;
import io.rowspace.engine.nn.InferencePath;
import io.rowspace.error.ErrorCode;

import java.lang.ref.Cleaner;
import java.util.Arrays;

/**
 * A head with trained weights, ready to compute raw outputs (logits, or the standardised value)
 * of standardised features, alone or mixed with a {@link TreeBlend}: what a {@link Predictor}
 * runs at inference, and what training scores candidate weights with on the validation rows.
 * The forward pass is plain Java or PyTorch as {@link InferencePath#current()} says, the same
 * bits for a row alone or in any batch.
 *
 * <p>Thread-safe; holds native memory until {@link #close()} (or until it is unreachable).
 */
public final class HeadNetwork implements AutoCloseable {
  private final PredictorHead head;
  private final float[] parameterValues;
  private final NDManager manager;
  private final Cleaner.Cleanable nativeMemory;
  private final NDArray parameters;
  private HeadInference headInference;
  private boolean closed;

  public HeadNetwork(PredictorHead head, float[] parameterValues) {
    this.head = head;
    this.parameterValues = parameterValues;
    this.manager = NDManager.newBaseManager(EngineRuntime.ensureStarted());
    this.nativeMemory = EngineRuntime.closeWhenUnreachable(this, manager);
    this.parameters = manager.create(parameterValues);
  }

  /**
   * Raw outputs for standardised features, row-major (rows x outputs): the network's, mixed with
   * the blend's members when there is a blend.
   *
   * @param blend the members mixed with the network, or null (the network alone)
   * @param positive the positive class's index for a binary predictor, else -1
   */
  public float[] outputs(SpaceFeatures f, TreeBlend blend, int positive) {
    if (blend == null) {
      return outputs(f);
    }
    float[] network = blend.needsNetwork() ? outputs(f) : null;
    return blend.mix(network, f, head.outputs(), positive);
  }

  /** The network's own raw outputs for standardised features, row-major (rows x outputs). */
  public float[] outputs(SpaceFeatures f) {
    if (InferencePath.current() == InferencePath.JAVA) {
      return headInference().forward(f.values(), f.rows());
    }
    synchronized (this) {
      checkOpen();
      int padded = BatchPadding.rows(f.rows());
      float[] values = BatchPadding.repeatLastRow(f.values(), f.rows(), f.width(), padded);
      try (NDManager scope = manager.newSubManager()) {
        NDArray x = scope.create(values, new Shape(padded, f.width()));
        float[] outputs = head.forward(head.layout().views(parameters, scope), x, null)
            .toFloatArray();
        return padded == f.rows() ? outputs
            : Arrays.copyOf(outputs, f.rows() * head.outputs());
      }
    }
  }

  /** The head's Java forward pass, its weights prepared on first use. */
  private synchronized HeadInference headInference() {
    checkOpen();
    if (headInference == null) {
      headInference = head.prepare(parameterValues);
    }
    return headInference;
  }

  private void checkOpen() {
    if (closed) {
      throw ErrorCode.PREDICTOR_CLOSED.failure();
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      nativeMemory.clean();
    }
  }
}
