package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The AUC that the demo reports for held-out rows. */
class AreaUnderCurveTest {
  @Test
  void perfectRandomAndTiedRankings() {
    List<String> labels = List.of("bad", "good", "bad", "good");
    assertEquals(1.0, AreaUnderCurve.of(labels, List.of(0.9, 0.1, 0.8, 0.2), "bad"));
    assertEquals(0.0, AreaUnderCurve.of(labels, List.of(0.1, 0.9, 0.2, 0.8), "bad"));
    assertEquals(0.5, AreaUnderCurve.of(labels, List.of(0.5, 0.5, 0.5, 0.5), "bad"));
    assertEquals(0.875, AreaUnderCurve.of(labels, List.of(0.9, 0.5, 0.5, 0.1), "bad"));
  }

  @Test
  void undefinedWithoutBothClasses() {
    assertTrue(Double.isNaN(AreaUnderCurve.of(List.of("bad"), List.of(0.3), "bad")));
  }
}
