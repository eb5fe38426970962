package io.rowspace.engine.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recording of one training step's forward and backward pass, safe from any thread.
 *
 * <p>Two facts of DJL's PyTorch engine make a bare {@link GradientCollector} unsafe outside the
 * thread that started the engine: only one collector may exist at a time in the whole process
 * (a second one, say of a space trained by another connection, throws), and PyTorch's gradient
 * mode is per thread and on by default in threads DJL did not set up, so the optimiser's in-place
 * update after the step fails there ("a leaf Variable that requires grad is being used in an
 * in-place operation"). A recording therefore takes a process-wide lock for the step (concurrent
 * trainings interleave their steps) and leaves gradient mode off when it closes.
 */
public final class GradientRecording implements AutoCloseable {
  private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

  private final GradientCollector collector;

  private GradientRecording(GradientCollector collector) {
    this.collector = collector;
  }

  /** Starts recording; close it before updating the weights. */
  public static GradientRecording start() {
    ONE_AT_A_TIME.lock();
    try {
      return new GradientRecording(Engine.getInstance().newGradientCollector());
    } catch (RuntimeException | Error e) {
      ONE_AT_A_TIME.unlock();
      throw e;
    }
  }

  /** Computes the gradients of {@code loss} with respect to the weights that require them. */
  public void backward(NDArray loss) {
    collector.backward(loss);
  }

  @Override public void close() {
    try {
      collector.close();
      JniUtils.setGradMode(false);
    } finally {
      ONE_AT_A_TIME.unlock();
    }
  }
}
