package io.rowspace.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between an array and a Java number that is safe to differentiate. Use these instead
 * of DJL's {@code add/sub/mul/div(Number)} in anything a gradient flows through.
 *
 * <p>Why: in DJL 0.36 (PyTorch engine) {@code x.mul(2f)} wraps the number in a 0-d tensor whose
 * memory is a Java direct {@code ByteBuffer} ({@code torch::from_blob}, no copy), and closes that
 * tensor as soon as the product is computed. Autograd has saved it, though ({@code MulBackward}
 * and {@code DivBackward} keep {@code other} to scale the gradient), and once the wrapper is
 * closed nothing on the Java side keeps the buffer reachable. A garbage collection between the
 * forward and the backward pass frees the buffer, {@code malloc} hands the memory to someone else,
 * and the backward pass multiplies the gradient by whatever is there: usually the same value
 * again (another scalar took the slot), sometimes a heap pointer. That made trained weights
 * depend on the timing of the JVM's collections: rarely on an idle machine, more often under load.
 *
 * <p>Here the scalar is allocated by PyTorch itself ({@code torch::full}), so the saved tensor owns
 * its memory through PyTorch's reference count, whatever happens to the Java wrapper. The value
 * and the operation are the same as before, so results are bitwise unchanged.
 */
public final class ScalarOps {
  private ScalarOps() {}

  /** A 0-d tensor of {@code like}'s type, in {@code like}'s manager, owned by PyTorch. */
  public static NDArray scalar(NDArray like, float value) {
    return like.getManager().full(new Shape(), value, like.getDataType());
  }

  /** {@code x + value}. */
  public static NDArray add(NDArray x, float value) {
    try (NDArray s = scalar(x, value)) {
      return x.add(s);
    }
  }

  /** {@code x - value}. */
  public static NDArray sub(NDArray x, float value) {
    try (NDArray s = scalar(x, value)) {
      return x.sub(s);
    }
  }

  /** {@code x * value}. */
  public static NDArray mul(NDArray x, float value) {
    try (NDArray s = scalar(x, value)) {
      return x.mul(s);
    }
  }

  /** {@code x / value}. */
  public static NDArray div(NDArray x, float value) {
    try (NDArray s = scalar(x, value)) {
      return x.div(s);
    }
  }
}
