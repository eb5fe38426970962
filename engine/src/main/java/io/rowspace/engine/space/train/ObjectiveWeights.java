package io.rowspace.engine.space.train;

import java.util.Locale;

/**
 * The weights of a space's loss terms and the contrastive temperature used in one epoch, as the
 * {@link Curriculum} sets them and the training timeline records them.
 *
 * @param column weight of the per-column InfoNCE term
 * @param row weight of the row (joint) InfoNCE term between the two masked views
 * @param spread weight of the spread (uniformity) term
 * @param reconstruction weight of the scalar reconstruction term
 * @param temperature InfoNCE temperature
 */
public record ObjectiveWeights(double column, double row, double spread, double reconstruction,
    double temperature) {

  /**
   * The weights as the timeline shows them, e.g. {@code column 0.75, row 0.75, spread 0.15,
   * reconstruction 0.60} (the temperature has its own timeline column).
   */
  public String describe() {
    return String.format(Locale.ROOT, "column %.2f, row %.2f, spread %.3f, reconstruction %.2f",
        column, row, spread, reconstruction);
  }
}
