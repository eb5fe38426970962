package io.rowspace.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The notes under the loss chart, one per epoch where the objective changed in a way that moves
 * the curves: a temperature boost, a spread-weight boost, or an epoch where the train loss rose
 * while the validation loss did not (the curriculum moved the objective's weights).
 */
final class TimelineNotes {
  /** Why a train loss can rise while the model improves; shown above the numbered notes. */
  static final String CURRICULUM = "The train loss is the objective as the curriculum weighs it "
      + "in that epoch: over the planned epochs the reconstruction weight falls from 1.0 to 0.2 "
      + "and the contrastive weights rise from 0.5 to 1.0, so the train loss can rise while the "
      + "model improves. The validation loss is the unweighted contrastive loss and compares "
      + "across epochs, except across a temperature change.";

  /** A note about one epoch. */
  record Note(int number, int epoch, String text) {
  }

  private TimelineNotes() {
  }

  static List<Note> of(List<SpaceFacts.Epoch> epochs) {
    List<Note> notes = new ArrayList<>();
    int risingFrom = -1;
    for (int i = 1; i <= epochs.size(); i++) {
      SpaceFacts.Epoch before = epochs.get(i - 1);
      SpaceFacts.Epoch e = i < epochs.size() ? epochs.get(i) : null;
      List<String> why = new ArrayList<>();
      if (e != null && Double.isFinite(e.temperature()) && Double.isFinite(before.temperature())
          && Math.abs(e.temperature() - before.temperature()) > 1e-9) {
        why.add(String.format(Locale.ROOT, "the temperature went from %s to %s (raised because "
            + "the embeddings were collapsing): both losses are now measured at the new "
            + "temperature, so the curves jump; compare epochs only within a temperature",
            HtmlReport.number(before.temperature()), HtmlReport.number(e.temperature())));
      }
      if (e != null && before.actions().contains("spread weight boost")) {
        why.add("the spread weight was doubled after the previous epoch, so the spread term "
            + "weighs more in the train loss from here on");
      }
      boolean rising = e != null && why.isEmpty() && e.trainLoss() > before.trainLoss()
          && !(e.validationLoss() > before.validationLoss());
      if (rising && risingFrom < 0) {
        risingFrom = i - 1;
      }
      if (!rising && risingFrom >= 0) {
        // Consecutive epochs of the same curriculum effect make one note over their range.
        SpaceFacts.Epoch start = epochs.get(risingFrom);
        notes.add(new Note(notes.size() + 1, epochs.get(risingFrom + 1).epoch(), String.format(
            Locale.ROOT, "%s: the train loss rose (%s to %s) while the validation loss did not "
                + "(%s to %s): the curriculum moved weight from reconstruction to the "
                + "contrastive terms, which changes the weighted objective, not the model's "
                + "quality.", range(epochs.get(risingFrom + 1).epoch(), before.epoch()),
            HtmlReport.number(start.trainLoss()), HtmlReport.number(before.trainLoss()),
            HtmlReport.number(start.validationLoss()), HtmlReport.number(before.validationLoss()))));
        risingFrom = -1;
      }
      if (!why.isEmpty()) {
        notes.add(new Note(notes.size() + 1, e.epoch(), "epoch " + e.epoch() + ": "
            + String.join("; ", why) + "."));
      }
    }
    return notes;
  }

  private static String range(int first, int last) {
    return first == last ? "epoch " + first : "epochs " + first + "\u2013" + last;
  }
}
