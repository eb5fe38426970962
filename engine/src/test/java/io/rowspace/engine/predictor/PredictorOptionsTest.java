package io.rowspace.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.error.EngineException;

import io.rowspace.error.SqlStates;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Options are validated once, whatever their case and spacing, into enums; a wrong value is
 * refused naming the option and every value it takes, in the order the documentation lists them.
 */
class PredictorOptionsTest {

  @Test
  void wordsBecomeEnumsWhateverTheirCase() {
    PredictorOptions o = PredictorOptions.fromMap(Map.of("loss", " FOCAL ", "fine_tune", "True",
        "head", "LowRank_Cross", "trees", "false", "target_transform", "LOG",
        "column_features", "TRUE"));
    assertEquals(PredictorOptions.Loss.FOCAL, o.loss());
    assertEquals(PredictorOptions.FineTune.ALL_LAYERS, o.fineTune());
    assertEquals(PredictorOptions.Head.LOWRANK_CROSS, o.head());
    assertEquals(PredictorOptions.Trees.NONE, o.trees());
    assertEquals(PredictorOptions.TargetTransform.LOG, o.targetTransform());
    assertTrue(o.columnFeatures());
    assertEquals(" FOCAL ", o.asMap().get("loss"), "provenance keeps what was given");
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    PredictorOptions o = PredictorOptions.defaults();
    assertEquals("auto", o.loss().text());
    assertEquals("false", o.fineTune().text());
    assertEquals("mlp", o.head().text());
    assertEquals("auto", o.trees().text());
    assertEquals("none", o.targetTransform().text());
    assertFalse(o.columnFeatures());
    assertEquals(42, o.seed());
  }

  @Test
  void aWrongWordNamesTheOptionAndEveryValueItTakes() {
    assertEquals("Option 'loss' must be one of auto, focal, cross_entropy, mse, huber, got "
        + "'hinge'.", message(Map.of("loss", "hinge")));
    assertEquals("Option 'fine_tune' must be one of false, true, auto, got 'yes'.",
        message(Map.of("fine_tune", "yes")));
    assertEquals("Option 'head' must be one of mlp, crossnet, lowrank_cross, "
        + "gated_interactions, got 'cnn'.", message(Map.of("head", "cnn")));
    assertEquals("Option 'trees' must be one of auto, true, false, only, linear, got 'some'.",
        message(Map.of("trees", "some")));
    assertEquals("Option 'target_transform' must be one of none, log, got 'sqrt'.",
        message(Map.of("target_transform", "sqrt")));
    assertEquals("Option 'async' must be one of true, false, got 'later'.",
        message(Map.of("async", "later")));
  }

  private static String message(Map<String, String> options) {
    EngineException e = assertThrows(EngineException.class,
        () -> PredictorOptions.fromMap(options));
    assertEquals(SqlStates.INVALID_ARGUMENT, e.sqlState());
    return e.getMessage();
  }
}
