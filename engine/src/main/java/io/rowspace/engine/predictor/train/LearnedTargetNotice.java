package io.rowspace.engine.predictor.train;

import java.util.Locale;

/**
 * Whether to tell the user that the space learned the predictor's target from the rows the
 * predictor trains on, and how to avoid it.
 *
 * <p>A space learns from every column of its table, a future target included: its masked-column
 * objective learns to fill the target in from the rest of the row, on these very rows. The
 * network member reads the space, so on training rows its inputs are better than they will be on
 * new rows, and its out-of-fold score is too hopeful. Where the blend is chosen out of fold (small
 * tables) that can keep the network where another member predicts new rows better: on TPC-H-shaped
 * data with 800 training rows, held-out AUC 0.844 with the target in the space and 0.880 without
 * it, on psid's 476 rows 0.975 and 0.982 (docs/benchmarks.md, session 13). At 3,341 and 3,750
 * rows (credit_data, mlc_churn) the two were level, so nothing is said above
 * {@link #SMALL_TABLE_ROWS}, nor where the blend is chosen on validation rows.
 */
final class LearnedTargetNotice {
  /** The most training rows at which the notice is given: measured harm at 476–800, none at 3,341. */
  static final int SMALL_TABLE_ROWS = 2_000;

  private LearnedTargetNotice() {}

  /**
   * The warning for this predictor, or null when there is nothing to say.
   *
   * @param spaceLearnedTarget whether the target is one of the columns the space learned from
   * @param blend the blend chosen, or null when none was searched
   * @param trainingRows the predictor's training rows
   */
  static String of(String target, boolean spaceLearnedTarget, TrainingDecisions.Blend blend,
      int trainingRows) {
    if (!spaceLearnedTarget || trainingRows > SMALL_TABLE_ROWS || blend == null
        || !"out_of_fold".equals(blend.chosenOn())
        || blend.treeShare() + blend.linearShare() >= 1) {
      return null;
    }
    return String.format(Locale.ROOT, "Predictor of '%s': the embedding space learned '%s' from "
        + "the same %d rows, so the network's out-of-fold score is hopeful at this size and the "
        + "blend (network share %.2f) may lean on it more than new rows bear out. For a small "
        + "table, leave the target out of the space (EXCLUDE COLUMNS (%s)) and create the "
        + "predictor on that space.", target, target, trainingRows,
        1 - blend.treeShare() - blend.linearShare(), target);
  }
}
