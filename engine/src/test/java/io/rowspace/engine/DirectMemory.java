package io.rowspace.engine;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/** Test helper: makes the JVM give back the memory of unreachable direct buffers, now. */
public final class DirectMemory {
  private DirectMemory() {}

  /**
   * Runs a full collection and waits until the reference handler has processed what it found, so
   * the memory of every unreachable direct {@code ByteBuffer} is back with {@code malloc} (whose
   * bookkeeping overwrites the first bytes of a freed block). This is what the JVM may do at any
   * moment on its own; tests do it at the worst moment, e.g. between a forward and a backward pass.
   */
  public static void release() {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
    try {
      for (int attempt = 0; attempt < 10 && queue.poll() == null; attempt++) {
        System.gc();
        if (queue.remove(200) != null) {
          break;
        }
      }
      // The cleaners of the buffers found by the same collection run on the same thread, in the
      // same batch as the sentinel; give that batch a moment to finish.
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    java.lang.ref.Reference.reachabilityFence(sentinel);
  }
}
