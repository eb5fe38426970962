package io.rowspace.engine.space.train;

import static io.rowspace.engine.store.ModelFile.readFloats;
import static io.rowspace.engine.store.ModelFile.writeFloats;

import io.rowspace.engine.nn.OneCycleSchedule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a space's training does after each epoch, from what the epoch measured: which epoch's
 * weights are kept, when to stop early, and how to answer the failures training watches for.
 * <ul>
 *   <li><b>dead network</b>: the gradient vanished or every validation row has the same
 *       embedding: learning-rate boost (x3, at most {@value #MAX_RATE_BOOSTS} times);
 *   <li><b>collapse</b>: validation embeddings bunched together (mean pairwise cosine above
 *       {@value EmbeddingHealth#COLLAPSED_MEAN_COSINE}) or along too few directions (effective rank
 *       below {@value EmbeddingHealth#COLLAPSED_RANK}), and more so than with the initial weights
 *       (see {@link EmbeddingHealth#collapsedSince}): temperature
 *       boost (x2, up to {@value Curriculum#MAX_TEMPERATURE}), spread-weight boost (x2), a
 *       rollback (to the weights of the kept healthy epoch, or to the initial weights if none was
 *       healthy yet; optimiser state cleared; at most {@value #MAX_ROLLBACKS} times: a collapsed
 *       network has almost no gradient to climb out with), and no early stop while collapsed; a
 *       collapsed epoch is kept only if no healthy epoch came;
 *   <li><b>no learning</b>: validation loss not 1% below the first epoch's after a fifth of the
 *       epochs: learning-rate boost (x2, once);
 *   <li><b>over-fitting</b>: validation loss up while training loss goes down, twice in a row.
 * </ul>
 * A healthy epoch beats any collapsed one; among equals the lower validation loss wins. Losses at
 * different temperatures do not compare, so a temperature boost starts a new baseline. Early
 * stopping waits {@code max(4, epochs / 8)} epochs without a kept one, and a third of the epochs.
 *
 * <p>Everything it remembers between epochs is its {@link State}, which checkpoints save.
 */
final class Interventions {
  /** Mean gradient norm under which the network counts as dead. */
  static final double DEAD_GRADIENT = 1e-6;
  /** Learning-rate boosts a dead network gets at most. */
  static final int MAX_RATE_BOOSTS = 2;
  /** Rollbacks collapsed training gets at most. */
  static final int MAX_ROLLBACKS = 4;

  private final int epochs;
  private final int patience;
  private final float[] initial;
  private final EmbeddingHealth start;
  private State state;

  /**
   * What the rules remember between epochs.
   *
   * @param best the weights of the kept epoch (the initial weights before one is kept)
   * @param bestLoss what a new epoch's validation loss must beat; reset by a temperature boost
   * @param keptLoss the kept epoch's own validation loss
   * @param bestCollapsed whether the kept epoch was collapsed (true before one is kept)
   * @param bestEpoch the kept epoch, 0 before one is kept
   * @param firstValidation the validation loss of the first epoch at the current temperature
   * @param boosted whether the no-learning boost was given
   * @param rateBoosts learning-rate boosts given to a dead network
   * @param rollbacks rollbacks done after a collapse
   * @param previousTrain the last epoch's training contrastive loss
   * @param previousValidation the last epoch's validation loss
   * @param worsening epochs in a row with validation up and training down
   */
  record State(float[] best, double bestLoss, double keptLoss, boolean bestCollapsed,
      int bestEpoch, double firstValidation, boolean boosted, int rateBoosts, int rollbacks,
      double previousTrain, double previousValidation, int worsening) {

    static State initial(float[] weights) {
      return new State(weights, Double.POSITIVE_INFINITY, Double.NaN, true, 0, Double.NaN,
          false, 0, 0, Double.NaN, Double.NaN, 0);
    }

    void write(DataOutput out) throws IOException {
      writeFloats(out, best);
      out.writeDouble(bestLoss);
      out.writeDouble(keptLoss);
      out.writeBoolean(bestCollapsed);
      out.writeInt(bestEpoch);
      out.writeDouble(firstValidation);
      out.writeBoolean(boosted);
      out.writeInt(rateBoosts);
      out.writeInt(rollbacks);
      out.writeDouble(previousTrain);
      out.writeDouble(previousValidation);
      out.writeInt(worsening);
    }

    static State read(DataInput in) throws IOException {
      return new State(readFloats(in), in.readDouble(), in.readDouble(), in.readBoolean(),
          in.readInt(), in.readDouble(), in.readBoolean(), in.readInt(), in.readInt(),
          in.readDouble(), in.readDouble(), in.readInt());
    }
  }

  /**
   * What one epoch measured.
   *
   * @param epoch the epoch (1-based)
   * @param trainContrastive the training rows' unweighted contrastive loss
   * @param validationLoss the validation loss (the training one without a validation slice)
   * @param health the validation rows' embeddings
   * @param gradNorm the mean gradient norm
   * @param newTemperature whether the temperature differs from the previous epoch's
   */
  record Epoch(int epoch, double trainContrastive, double validationLoss, EmbeddingHealth health,
      double gradNorm, boolean newTemperature) {}

  /**
   * What the loop does next.
   *
   * @param stop stop training after this epoch
   * @param restartFrom weights to restart the optimiser from (a rollback), or null
   */
  record Decision(boolean stop, float[] restartFrom) {}

  /**
   * @param epochs the planned epochs
   * @param initial the initial weights, kept until an epoch is
   * @param start the health of the initial weights' embeddings
   */
  Interventions(int epochs, float[] initial, EmbeddingHealth start) {
    this.epochs = epochs;
    this.patience = Math.max(4, epochs / 8);
    this.initial = initial;
    this.start = start;
    this.state = State.initial(initial);
  }

  /** Continues from a checkpoint's state. */
  void resume(State saved) {
    this.state = saved;
  }

  State state() {
    return state;
  }

  /** The weights of the kept epoch. */
  float[] best() {
    return state.best;
  }

  /**
   * Applies the rules to an epoch, boosting the schedule and curriculum where they say so, and
   * records the failures seen and the actions taken.
   *
   * @param weights the epoch's weights, read only when the epoch is kept
   */
  Decision afterEpoch(Epoch e, OneCycleSchedule schedule, Curriculum curriculum,
      Supplier<float[]> weights, List<String> failures, List<String> actions) {
    State s = state;
    double firstValidation = s.firstValidation;
    double previousValidation = s.previousValidation;
    double bestLoss = s.bestLoss;
    if (e.epoch() == 1 || e.newTemperature()) {
      firstValidation = e.validationLoss();
    }
    if (e.newTemperature()) {
      // The next epoch that is at least as healthy as the kept one replaces it.
      previousValidation = Double.NaN;
      bestLoss = Double.POSITIVE_INFINITY;
    }
    EmbeddingHealth health = e.health();
    boolean dead = health.constant() || e.gradNorm() < DEAD_GRADIENT;
    boolean collapsed = dead || health.collapsedSince(start);
    int rateBoosts = s.rateBoosts;
    if (dead) {
      failures.add(health.constant() ? "dead network (every row has the same embedding)"
          : String.format(Locale.ROOT, "dead network (gradient norm %.1e)", e.gradNorm()));
      if (rateBoosts < MAX_RATE_BOOSTS) {
        schedule.boost(3.0);
        rateBoosts++;
        actions.add("learning-rate boost x3");
      }
    } else if (collapsed) {
      failures.add("collapse (" + health.describe() + "; at the start " + start.describe() + ")");
      if (curriculum.boostTemperature(2.0)) {
        actions.add(String.format(Locale.ROOT, "temperature boost to %.3f",
            curriculum.temperature()));
      }
      if (curriculum.boostSpread(2.0)) {
        actions.add("spread weight boost x2");
      }
    }
    boolean boosted = s.boosted;
    if (!boosted && !dead && !collapsed && e.epoch() == Math.max(3, epochs / 5)
        && !(e.validationLoss() < 0.99 * firstValidation)) {
      failures.add("no learning");
      actions.add("learning-rate boost x2");
      schedule.boost(2.0);
      boosted = true;
    }
    int worsening = s.worsening;
    if (e.validationLoss() > previousValidation && e.trainContrastive() < s.previousTrain) {
      worsening++;
      if (worsening >= 2) {
        failures.add("over-fitting");
      }
    } else {
      worsening = 0;
    }
    boolean stop = false;
    float[] best = s.best;
    double keptLoss = s.keptLoss;
    int bestEpoch = s.bestEpoch;
    boolean bestCollapsed = s.bestCollapsed;
    boolean keep = Double.isFinite(e.validationLoss()) && (collapsed
        ? bestCollapsed && e.validationLoss() < bestLoss
        : bestCollapsed || e.validationLoss() < bestLoss);
    if (keep) {
      bestLoss = e.validationLoss();
      keptLoss = e.validationLoss();
      bestEpoch = e.epoch();
      bestCollapsed = collapsed;
      best = weights.get();
    } else if (e.epoch() - bestEpoch >= patience && e.epoch() >= epochs / 3) {
      if (collapsed) {
        actions.add("early stopping blocked while collapsed");
      } else {
        actions.add("early stopping, keeping epoch " + bestEpoch);
        stop = true;
      }
    }
    float[] restartFrom = null;
    int rollbacks = s.rollbacks;
    if (collapsed && !dead && rollbacks < MAX_ROLLBACKS && e.epoch() < epochs) {
      rollbacks++;
      restartFrom = bestCollapsed ? initial : best;
      actions.add(bestCollapsed ? "restart from the initial weights"
          : "rollback to epoch " + bestEpoch);
    }
    state = new State(best, bestLoss, keptLoss, bestCollapsed, bestEpoch, firstValidation,
        boosted, rateBoosts, rollbacks, e.trainContrastive(), e.validationLoss(), worsening);
    return new Decision(stop, restartFrom);
  }
}
