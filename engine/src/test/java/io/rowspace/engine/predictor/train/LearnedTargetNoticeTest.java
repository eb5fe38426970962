package io.rowspace.engine.predictor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A predictor on a small table whose space learned the target is told so, with the fix, only
 * where the out-of-fold choice gave the network a share.
 */
class LearnedTargetNoticeTest {
  private static TrainingDecisions.Blend blend(double trees, double linear, String chosenOn) {
    return new TrainingDecisions.Blend(trees, linear, true, 0.1, 50, 4, List.of("A"), "", 0.01,
        "", chosenOn);
  }

  @Test
  void aSmallTableWhoseSpaceLearnedTheTargetIsToldHowToAvoidIt() {
    assertEquals("Predictor of 'LOYAL': the embedding space learned 'LOYAL' from the same 800 "
        + "rows, so the network's out-of-fold score is hopeful at this size and the blend "
        + "(network share 0.75) may lean on it more than new rows bear out. For a small table, "
        + "leave the target out of the space (EXCLUDE COLUMNS (LOYAL)) and create the predictor "
        + "on that space.", LearnedTargetNotice.of("LOYAL", true, blend(0.25, 0, "out_of_fold"),
            800));
  }

  @Test
  void nothingIsSaidWhereTheRiskDoesNotApply() {
    assertNull(LearnedTargetNotice.of("LOYAL", false, blend(0, 0, "out_of_fold"), 800),
        "the space did not learn the target");
    assertNull(LearnedTargetNotice.of("LOYAL", true, blend(0.5, 0.5, "out_of_fold"), 800),
        "the network has no share");
    assertNull(LearnedTargetNotice.of("LOYAL", true, blend(0, 0, "validation"), 800),
        "chosen on validation rows");
    assertNull(LearnedTargetNotice.of("LOYAL", true, blend(0, 0, "out_of_fold"), 3_341),
        "as many rows as credit_data, where it made no difference");
    assertNull(LearnedTargetNotice.of("LOYAL", true, null, 800), "no blend searched");
  }
}
