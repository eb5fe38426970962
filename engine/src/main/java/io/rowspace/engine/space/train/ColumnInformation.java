package io.rowspace.engine.space.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.space.RelatedTokens;
import io.rowspace.engine.space.SpaceTokens;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How much each column (and related table) of a trained space shares with the rest of its row:
 * per token, a lower bound on the mutual information in bits, {@code log(B) - L} for the token's
 * InfoNCE loss {@code L} over batches of {@code B} rows with the token hidden in one of two
 * complementary views, clamped at zero. Shown by DESCRIBE as what each column tells the others.
 */
final class ColumnInformation {
  private ColumnInformation() {}

  /**
   * The bits per token, in the order of the objective's tokens: columns, then related tables.
   *
   * @param weights the training layout's weights of the kept epoch
   * @param temperature the temperature training ended at
   * @param rows the rows to measure on (validation rows when there are enough; the trainer gives
   *     at most {@link TrainingLoop#VALIDATION_LOSS_ROWS} of them)
   * @param seed the space's seed; the masks are drawn from {@code seed + 2}
   */
  static double[] bits(MaskedViewObjective objective, ParameterLayout layout, int batchSize,
      long seed, float[] weights, float temperature, EncodedRows encoded,
      List<RelatedTokens.Encoded> related, int[] rows) {
    int c = objective.tokens();
    int batch = Math.min(batchSize, rows.length);
    float[] mask = MaskedViewObjective.drawMask(rows.length, c, new Random(seed + 2));
    double[] sums = new double[2 * c];
    try (NDManager model = NDManager.newBaseManager(EngineRuntime.ensureStarted())) {
      NDArray parameters = model.create(weights);
      for (int from = 0; from + batch <= rows.length; from += batch) {
        try (NDManager scope = model.newSubManager()) {
          double[] part = objective.columnInformation(layout.views(parameters, scope), scope,
              SpaceTokens.Batch.of(encoded, related, Arrays.copyOfRange(rows, from, from + batch)),
              Arrays.copyOfRange(mask, from * c, (from + batch) * c), temperature);
          for (int i = 0; i < sums.length; i++) {
            sums[i] += part[i];
          }
        }
      }
    } catch (ai.djl.engine.EngineException e) {
      throw TrainingLoop.translate(e);
    }
    double[] bits = new double[c];
    for (int j = 0; j < c; j++) {
      double loss = sums[2 * j + 1] == 0 ? Math.log(batch) : sums[2 * j] / sums[2 * j + 1];
      bits[j] = Math.max(0, (Math.log(batch) - loss) / Math.log(2));
    }
    return bits;
  }
}
