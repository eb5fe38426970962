package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.space.SpaceOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a space's shape is when the user gives no options. */
class TrainingPlanTest {
  private static int width(int rows, int columns, Map<String, String> options) {
    return TrainingPlan.derive(rows, columns, SpaceOptions.fromMap(options)).dModel();
  }

  @Test
  void aLargeWideTableGetsAWideModel() {
    assertEquals(192, width(16_000, 17, Map.of()), "letter recognition's shape");
    assertEquals(192, width(100_000, 12, Map.of()));
  }

  @Test
  void aVeryLargeTableKeepsANarrowerModelSoTrainingTimeStaysBounded() {
    assertEquals(64, width(1_000_000, 40, Map.of()));
    assertEquals(48, width(100_001, 14, Map.of()));
  }

  @Test
  void smallerOrNarrowerTablesKeepTheDefaultWidth() {
    assertEquals(48, width(9_999, 17, Map.of()), "fewer rows");
    assertEquals(48, width(54_000, 10, Map.of()), "diamonds: many rows, few columns");
    assertEquals(48, width(5_000, 20, Map.of()), "churn: many columns, fewer rows");
    assertEquals(32, width(300, 6, Map.of()), "six columns or fewer");
  }

  @Test
  void theOptionOverridesTheDerivedWidth() {
    assertEquals(48, width(16_000, 17, Map.of("d_model", "48")));
    assertEquals(64, width(300, 6, Map.of("d_model", "64")));
  }

  private static int steps(int rows, Map<String, String> options) {
    TrainingPlan plan = TrainingPlan.derive(rows, 10, SpaceOptions.fromMap(options));
    return plan.epochs() * plan.stepsPerEpoch(rows - plan.validationRows());
  }

  @Test
  void theDefaultStepBudgetStopsGrowingWithTheRows() {
    assertEquals(15 * 35, steps(5_000, Map.of()), "5,000 rows: 15 passes of 35 steps");
    assertEquals(5 * 140, steps(20_000, Map.of()), "20,000 rows: 5 passes of 140 steps");
    int cap = 5 * TrainingPlan.MAX_EPOCH_STEPS;
    assertEquals(cap, steps(53_940, Map.of()), "diamonds took 5 passes of 379 steps before");
    assertEquals(cap, steps(200_000, Map.of()));
    assertEquals(cap, steps(5_000_000, Map.of()));
  }

  @Test
  void epochsTheUserGivesAreWholePasses() {
    assertEquals(3 * 379, steps(53_940, Map.of("epochs", "3")));
  }

  @Test
  void tablesOfUpTo200BatchesKeepEveryPassWhole() {
    // the training tables of the shared sets other than diamonds (3/4 of their rows), and the
    // largest table whose passes are whole: their plans, hence their spaces, are as before
    for (int rows : new int[] {258, 2_198, 3_341, 3_750, 28_444}) {
      TrainingPlan plan = TrainingPlan.derive(rows, 10, SpaceOptions.fromMap(Map.of()));
      int trainRows = rows - plan.validationRows();
      int pass = trainRows / plan.batchSize();
      assertEquals(pass, plan.stepsPerEpoch(trainRows), rows + " rows");
      assertEquals(Math.max(5, Math.min(200, (TrainingPlan.TARGET_STEPS + pass - 1) / pass)),
          plan.epochs(), rows + " rows");
      assertTrue(plan.validationRows() <= TrainingLoop.VALIDATION_LOSS_ROWS, rows + " rows");
    }
  }
}
