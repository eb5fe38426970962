package io.rowspace.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The notes under the loss chart and the ticks of its axes. */
class TimelineNotesTest {
  private static SpaceFacts.Epoch epoch(int n, double train, double validation, double temperature,
      String actions) {
    return new SpaceFacts.Epoch(n, 1e-3, train, validation, -1, temperature, 2, "", actions);
  }

  @Test
  void aRunOfRisingTrainLossIsOneNoteAndATemperatureBoostAnother() {
    List<TimelineNotes.Note> notes = TimelineNotes.of(List.of(
        epoch(1, 4.5, 6.9, 0.1, ""),
        epoch(2, 4.6, 6.7, 0.1, ""),
        epoch(3, 4.8, 6.3, 0.1, ""),
        epoch(4, 5.1, 6.2, 0.1, "temperature boost to 0.200"),
        epoch(5, 5.9, 6.8, 0.2, ""),
        epoch(6, 5.5, 6.5, 0.2, "")));
    assertEquals(2, notes.size(), notes.toString());
    assertEquals(new TimelineNotes.Note(1, 2, "epochs 2\u20134: the train loss rose (4.500 to 5.100)"
        + " while the validation loss did not (6.900 to 6.200): the curriculum moved weight from "
        + "reconstruction to the contrastive terms, which changes the weighted objective, not the "
        + "model's quality."), notes.get(0));
    assertEquals(5, notes.get(1).epoch());
    assertTrue(notes.get(1).text().startsWith("epoch 5: the temperature went from 0.100 to 0.200"),
        notes.get(1).text());
  }

  @Test
  void ticksAreRoundAndCoverTheRange() {
    AxisTicks y = AxisTicks.covering(4.5, 6.9, 5);
    assertEquals(List.of(4.5, 5.0, 5.5, 6.0, 6.5, 7.0), y.values());
    assertEquals("4.5", y.label(4.5));
    assertEquals("0.0004", AxisTicks.covering(0, 0.001, 5).label(0.0004));
    assertEquals(List.of(1.0, 2.0, 3.0), AxisTicks.epochs(1, 3).values());
    List<Double> many = AxisTicks.epochs(1, 40).values();
    assertEquals(1.0, many.get(0));
    assertTrue(many.size() <= 10, many.toString());
  }
}
