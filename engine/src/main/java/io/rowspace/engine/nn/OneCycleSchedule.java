package io.rowspace.engine.nn;

/**
 * One-cycle learning rate: linear warm-up over the first 10% of steps to the peak, then cosine
 * decay to 1% of the peak. A boost factor lets training raise the rate when it stalls.
 */
public final class OneCycleSchedule {
  private final double peak;
  private final int totalSteps;
  private final int warmup;
  private double boost = 1.0;

  public OneCycleSchedule(double peak, int totalSteps) {
    this.peak = peak;
    this.totalSteps = Math.max(1, totalSteps);
    this.warmup = Math.max(1, this.totalSteps / 10);
  }

  public double rate(int step) {
    double base;
    if (step < warmup) {
      base = peak * (0.1 + 0.9 * step / (double) warmup);
    } else {
      double t = Math.min(1.0, (step - warmup) / (double) Math.max(1, totalSteps - warmup));
      base = peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * t)));
    }
    return base * boost;
  }

  /** The product of every boost so far (1 without any), for a checkpoint. */
  public double boostFactor() {
    return boost;
  }

  /** Multiplies every later rate by {@code factor}. */
  public void boost(double factor) {
    boost *= factor;
  }
}
