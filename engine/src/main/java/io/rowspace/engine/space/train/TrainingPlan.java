package io.rowspace.engine.space.train;

import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

/**
 * A space's training settings, resolved from the data's shape and the options: width, depth and
 * heads, batch size, epochs (from a target number of optimiser steps), learning rate,
 * temperature and the validation slice. An option the user gave always wins.
 *
 * @param dModel the token width
 * @param layers transformer layers
 * @param heads attention heads
 * @param batchSize rows per optimiser step
 * @param epochs epochs, at most: passes over the training rows, or for derived epochs of many
 *     rows, samples of {@code epochSteps} batches of them
 * @param epochSteps optimiser steps an epoch takes at most ({@link #MAX_EPOCH_STEPS} when the
 *     epochs are derived, else unbounded: an epoch the user counts is a whole pass)
 * @param learningRate the one-cycle schedule's peak rate
 * @param temperature the InfoNCE temperature before any boost
 * @param validationFraction the share of rows held out for validation
 * @param validationRows how many rows that is (0 under 8 rows: no validation slice)
 */
record TrainingPlan(int dModel, int layers, int heads, int batchSize, int epochs, int epochSteps,
    double learningRate, double temperature, double validationFraction, int validationRows) {
  /** Optimiser steps a default training aims at; epochs follow from it (5 to 200). */
  static final int TARGET_STEPS = 500;
  /**
   * Optimiser steps of a derived epoch, at most: past {@value} batches of training rows, an
   * epoch is the first {@value} batches of that epoch's shuffle of them, so a default training
   * takes at most 5 x {@value} steps however many rows there are (it took 5 passes before, a
   * number of steps growing with the rows: 1,895 on diamonds, 7,030 at 200,000 rows). Measured
   * on diamonds, the only shared set it changes: held-out RMSE 528 to 529 at one and at two
   * torch threads, a quarter less training time (docs/benchmarks.md, session 10).
   */
  static final int MAX_EPOCH_STEPS = 200;
  /** Rows from which a table with {@value #WIDE_COLUMNS} columns or more gets a wide model. */
  static final int WIDE_ROWS = 10_000;
  /** Rows beyond which a table keeps a narrower model, so training time stays bounded. */
  static final int WIDE_ROWS_MAX = 100_000;
  /** Columns (and related tables) from which a table with many rows gets a wide model. */
  static final int WIDE_COLUMNS = 12;

  /**
   * The plan for a table.
   *
   * @param rows the rows training reads (after any {@code max_rows} sample)
   * @param columns the tokens per row: used columns and related tables
   * @throws EngineException INVALID_OPTION when {@code d_model} is not a multiple of {@code heads}
   */
  static TrainingPlan derive(int rows, int columns, SpaceOptions o) {
    double validationFraction = o.validationFraction().orElse(rows < 200 ? 0.2 : 0.1);
    int validationRows = (int) Math.round(rows * validationFraction);
    if (validationRows < 8) {
      validationRows = 0;
    }
    int trainRows = rows - validationRows;
    int dModel = o.dModel().orElse(defaultWidth(rows, columns));
    int heads = o.heads().orElse(dModel % 4 == 0 ? 4 : dModel % 2 == 0 ? 2 : 1);
    if (dModel % heads != 0) {
      throw ErrorCode.HEADS_DIVIDE_WIDTH.failure(dModel, heads);
    }
    int layers = o.layers().orElse(rows >= 2000 ? 2 : 1);
    int batch = 32;
    while (batch * 2 <= trainRows / 8 && batch < 128) {
      batch *= 2;
    }
    int batchSize = Math.min(trainRows, o.batchSize().orElse(batch));
    int epochSteps = o.epochs().isPresent() ? Integer.MAX_VALUE : MAX_EPOCH_STEPS;
    int stepsPerEpoch = Math.max(1, Math.min(epochSteps, trainRows / batchSize));
    int epochs = o.epochs().orElse(
        Math.max(5, Math.min(200, (TARGET_STEPS + stepsPerEpoch - 1) / stepsPerEpoch)));
    double learningRate = o.learningRate().orElse(batchSize >= 64 ? 2e-3 : 1e-3);
    double temperature = o.temperature().orElse(MaskedViewObjective.DEFAULT_TEMPERATURE);
    return new TrainingPlan(dModel, layers, heads, batchSize, epochs, epochSteps, learningRate,
        temperature, validationFraction, validationRows);
  }

  /**
   * The default {@code d_model}: 32 for six columns or fewer; 192 for tables of
   * {@value #WIDE_ROWS} to {@value #WIDE_ROWS_MAX} rows and {@value #WIDE_COLUMNS} columns or
   * more; 64 for larger tables of more than 16 columns; 48 otherwise.
   *
   * <p>A large, wide table holds many groups of similar rows, and the row embedding must keep
   * them apart for a linear model on it: on letter recognition (16,000 x 17, 26 letters in 20
   * fonts) the linear probe on the embedding rose from 0.73 at 48 to 0.85 at 96, 0.87 at 128 and
   * 0.88-0.89 at 192 (two seeds), for 4 times the build time (30 to 115 s on 2 cores). Beyond
   * {@value #WIDE_ROWS_MAX} rows a space trains at least 5 epochs of 700 steps or more; at width
   * 192 that took 12 minutes at 100,000 x 17 on 2 cores and would take hours at a million rows,
   * so those tables keep the earlier widths. Smaller tables keep
   * 48, the width the shared data sets' predictor figures were measured with.
   */
  static int defaultWidth(int rows, int columns) {
    if (columns <= 6) {
      return 32;
    }
    if (rows > WIDE_ROWS_MAX) {
      return columns > 16 ? 64 : 48;
    }
    return rows >= WIDE_ROWS && columns >= WIDE_COLUMNS ? 192 : 48;
  }

  /** Optimiser steps per epoch over the given training rows. */
  int stepsPerEpoch(int trainingRows) {
    return Math.max(1, Math.min(epochSteps, trainingRows / batchSize));
  }
}
