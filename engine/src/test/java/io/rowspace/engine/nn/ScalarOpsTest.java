package io.rowspace.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import io.rowspace.engine.DirectMemory;
import io.rowspace.engine.EngineRuntime;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

/**
 * Gradients through arithmetic with Java numbers do not depend on when the JVM collects garbage.
 * DJL's own {@code mul(Number)} fails this: the 0-d tensor autograd keeps for the backward pass
 * lives in a direct buffer nothing references once the product is computed.
 */
class ScalarOpsTest {

  private static float[] gradientWithACollectionBeforeBackward(UnaryOperator<NDArray> f) {
    try (NDManager manager = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray x = manager.create(new float[] {1f, -2f, 3f, 0.5f});
      x.setRequiresGradient(true);
      try (NDManager scope = manager.newSubManager();
          GradientRecording collector = GradientRecording.start()) {
        NDArray y = f.apply(x.get(scope, new NDIndex(":"))).sum();
        DirectMemory.release();
        collector.backward(y);
      }
      return x.getGradient().toFloatArray();
    }
  }

  @Test
  void theScalarsOfProductsAndQuotientsOutliveACollection() {
    for (int round = 0; round < 3; round++) {
      assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f},
          gradientWithACollectionBeforeBackward(x -> ScalarOps.mul(x, 2.5f)));
      assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f},
          gradientWithACollectionBeforeBackward(x -> ScalarOps.div(x, 4f)));
      assertArrayEquals(new float[] {-0.5f, -0.5f, -0.5f, -0.5f}, gradientWithACollectionBeforeBackward(
          x -> ScalarOps.mul(ScalarOps.sub(ScalarOps.add(x, 3f), 1f), -0.5f)));
    }
  }
}
