package io.rowspace.engine.space.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The objective's weights over training and the boosts self-monitoring applies. */
class CurriculumTest {

  @Test
  void earlyEpochsFavourReconstructionAndSpreadLateOnesTheContrastiveTerms() {
    Curriculum curriculum = new Curriculum(0.2, 0.1, 11);
    ObjectiveWeights first = curriculum.at(1);
    ObjectiveWeights middle = curriculum.at(6);
    ObjectiveWeights last = curriculum.at(11);
    assertEquals(new ObjectiveWeights(0.5, 0.5, 0.2, 1.0, 0.2), first);
    assertEquals("column 1.00, row 1.00, spread 0.100, reconstruction 0.20", last.describe());
    assertEquals(0.2, last.reconstruction(), 1e-12);
    assertTrue(middle.reconstruction() < first.reconstruction()
        && middle.reconstruction() > last.reconstruction());
    assertTrue(middle.column() > first.column() && middle.column() < last.column());
    assertEquals("column 0.50, row 0.50, spread 0.200, reconstruction 1.00", first.describe());
  }

  @Test
  void aSingleEpochTrainsWithTheFinalWeights() {
    assertEquals(1.0, new Curriculum(0.2, 0.1, 1).at(1).column());
  }

  @Test
  void boostsHoldForTheRestOfTrainingAndStopAtTheirCaps() {
    Curriculum curriculum = new Curriculum(0.2, 0.1, 10);
    assertTrue(curriculum.boostTemperature(2));
    assertEquals(0.4, curriculum.at(5).temperature(), 1e-12);
    assertTrue(curriculum.boostTemperature(2));
    assertTrue(curriculum.boostTemperature(2));
    assertEquals(Curriculum.MAX_TEMPERATURE, curriculum.temperature());
    assertFalse(curriculum.boostTemperature(2), "already at the cap");
    double before = curriculum.at(10).spread();
    assertTrue(curriculum.boostSpread(2));
    assertEquals(2 * before, curriculum.at(10).spread(), 1e-12);
    for (int i = 0; i < 5; i++) {
      curriculum.boostSpread(2);
    }
    assertEquals(0.1 * Curriculum.MAX_SPREAD_BOOST, curriculum.at(10).spread(), 1e-12);
  }

  @Test
  void aTemperatureAboveTheCapGivenAsAnOptionIsKept() {
    Curriculum curriculum = new Curriculum(3.0, 0.1, 10);
    assertEquals(3.0, curriculum.at(1).temperature());
    assertFalse(curriculum.boostTemperature(2));
    assertEquals(3.0, curriculum.temperature());
  }
}
