package io.rowspace.engine.space.train;

/**
 * How the weights of a space's objective change over training. Early epochs lean on the terms
 * that shape the embedding without depending on it being good already: scalar reconstruction
 * (every masked number must be recoverable from the rest of the row) and spread (rows must not
 * crowd together). Later epochs lean on the contrastive terms, which sharpen the distinctions
 * between rows once the encoders carry information. Between the first and the last epoch every
 * weight moves linearly:
 * <ul>
 *   <li>reconstruction from 1.0 to 0.2,
 *   <li>spread from twice the base spread weight to the base weight,
 *   <li>per-column and row InfoNCE from 0.5 to 1.0.
 * </ul>
 *
 * <p>Self-monitoring can raise the temperature and the spread weight when the embeddings
 * collapse ({@link #boostTemperature}, {@link #boostSpread}); the boosts hold for the rest of
 * training and are capped: a boost takes the temperature to {@link #MAX_TEMPERATURE} at most (a
 * higher temperature given as an option is kept as it is).
 */
final class Curriculum {
  static final double MAX_TEMPERATURE = 1.0;
  static final double MAX_SPREAD_BOOST = 8.0;

  private final double baseTemperature;
  private final double baseSpread;
  private final int epochs;
  private double temperatureBoost = 1.0;
  private double spreadBoost = 1.0;

  /**
   * @param baseTemperature the InfoNCE temperature before any boost
   * @param baseSpread the spread weight of the last epoch, before any boost
   * @param epochs the planned number of epochs
   */
  Curriculum(double baseTemperature, double baseSpread, int epochs) {
    this.baseTemperature = baseTemperature;
    this.baseSpread = baseSpread;
    this.epochs = Math.max(1, epochs);
  }

  /** The weights of a 1-based epoch. */
  ObjectiveWeights at(int epoch) {
    double t = epochs == 1 ? 1.0 : Math.min(1.0, (epoch - 1) / (double) (epochs - 1));
    double contrastive = 0.5 + 0.5 * t;
    return new ObjectiveWeights(contrastive, contrastive,
        baseSpread * (2.0 - t) * spreadBoost, 1.0 - 0.8 * t, temperature());
  }

  /** The temperature of the next epochs, boosts included. */
  double temperature() {
    return Math.min(Math.max(MAX_TEMPERATURE, baseTemperature),
        baseTemperature * temperatureBoost);
  }

  /** The product of the temperature boosts so far, for a checkpoint. */
  double temperatureBoost() {
    return temperatureBoost;
  }

  /** The spread weight's boost so far, for a checkpoint. */
  double spreadBoost() {
    return spreadBoost;
  }

  /** Continues with the boosts a checkpoint recorded. */
  void resume(double temperatureBoost, double spreadBoost) {
    this.temperatureBoost = temperatureBoost;
    this.spreadBoost = spreadBoost;
  }

  /**
   * Multiplies the temperature by {@code factor} for the rest of training.
   *
   * @return whether it changed (false once at {@link #MAX_TEMPERATURE})
   */
  boolean boostTemperature(double factor) {
    double before = temperature();
    temperatureBoost *= factor;
    return temperature() > before;
  }

  /**
   * Multiplies the spread weight by {@code factor} for the rest of training.
   *
   * @return whether it changed (false once the boost reached {@link #MAX_SPREAD_BOOST})
   */
  boolean boostSpread(double factor) {
    double before = spreadBoost;
    spreadBoost = Math.min(MAX_SPREAD_BOOST, spreadBoost * factor);
    return spreadBoost > before;
  }
}
