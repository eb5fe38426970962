package io.rowspace.engine.space.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.ScalarOps;
import io.rowspace.engine.nn.TabularTransformer;
import io.rowspace.engine.space.RelatedTokens;
import io.rowspace.engine.space.SpaceTokens;

import java.util.Map;
import java.util.Random;

/**
 * The self-supervised objective of a space. Each row is seen in two complementary masked views
 * (40-60% of its columns hidden in the first, the rest in the second). Three terms:
 * <ul>
 *   <li>per-column InfoNCE: from the visible columns, the output at a hidden column must pick that
 *       row's encoding of the column among the batch's other values of the column (rows holding
 *       the same value are not counted as negatives);
 *   <li>row InfoNCE: the embeddings of the two views of a row must pick each other in the batch,
 *       which is what makes the CLS embedding describe the whole row;
 *   <li>a spread (uniformity) loss on the embeddings, against collapse;
 *   <li>scalar reconstruction: through a small head ({@code recon.*}, trained with the space but
 *       not saved with it), the output at a hidden numeric column must give back the cell's
 *       standardised value (mean squared error over the hidden, present numeric cells).
 * </ul>
 * The InfoNCE temperature is the weights' temperature, so training can change it between epochs.
 */
final class MaskedViewObjective {
  /** The InfoNCE temperature unless the {@code temperature} option sets another. */
  static final double DEFAULT_TEMPERATURE = 0.2;
  private static final float SAME_VALUE_PENALTY = 1e4f;

  private final TabularTransformer.Config config;
  private final RelatedTokens related;
  private final ScalarTargets scalarTargets;

  /** The loss terms of one batch, each a scalar in the batch's scope. */
  record Terms(NDArray total, NDArray column, NDArray row, NDArray spread,
      NDArray reconstruction, NDArray embedding) {}

  /**
   * @param scalarTargets what reconstruction predicts; null for an objective that only measures
   *     (mutual information, validation) and has no reconstruction head
   */
  MaskedViewObjective(TabularTransformer.Config config, RelatedTokens related,
      ScalarTargets scalarTargets) {
    this.config = config;
    this.related = related;
    this.scalarTargets = scalarTargets;
  }

  /**
   * Adds the weights that exist only while training (the reconstruction head) after the space's
   * own, so the space's weights are the first {@code layout.size()} values before this call.
   */
  static void addTrainingHeads(ParameterLayout layout, TabularTransformer.Config config) {
    int d = config.dModel();
    layout.add("recon.w1", new Shape(d, d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
    layout.add("recon.b1", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
    layout.add("recon.w2", new Shape(config.columns(), d), ParameterLayout.Init.NORMAL,
        1 / Math.sqrt(d), true);
    layout.add("recon.b2", new Shape(config.columns()), ParameterLayout.Init.ZEROS, 0, false);
  }

  /** Tokens per row: one per column, then one per related table. */
  int tokens() {
    return config.columns() + related.count();
  }

  /** Draws a first-view mask: per row, each column hidden with a probability in [0.4, 0.6]. */
  static float[] drawMask(int rows, int columns, Random random) {
    float[] mask = new float[rows * columns];
    for (int r = 0; r < rows; r++) {
      double p = 0.4 + 0.2 * random.nextDouble();
      int hidden = 0;
      for (int c = 0; c < columns; c++) {
        if (random.nextDouble() < p) {
          mask[r * columns + c] = 1f;
          hidden++;
        }
      }
      if (hidden == 0) {
        mask[r * columns + random.nextInt(columns)] = 1f;
      } else if (hidden == columns) {
        mask[r * columns + random.nextInt(columns)] = 0f;
      }
    }
    return mask;
  }

  /**
   * The loss of a batch.
   *
   * @param p the weights, including the training heads when the weights give reconstruction a
   *     non-zero weight
   * @param firstMask the first view's mask, (B, T) row-major, 1 = hidden
   * @param weights the terms' weights and the temperature
   */
  Terms compute(Map<String, NDArray> p, NDManager scope, SpaceTokens.Batch batch, float[] firstMask,
      ObjectiveWeights weights) {
    float temperature = (float) weights.temperature();
    int b = batch.rows().rows();
    int c = tokens();
    NDArray keys = scope.create(keys(batch), new Shape(b, c));
    SpaceTokens.Tokens tokens = SpaceTokens.of(p, scope, batch, related, config.dModel());
    NDArray content = tokens.content();
    NDArray maskA = scope.create(firstMask, new Shape(b, c));
    NDArray masks = maskA.concat(ScalarOps.add(maskA.neg(), 1f), 0);

    TabularTransformer.Output out =
        TabularTransformer.encode(config, p, content.concat(content, 0), masks.expandDims(2));

    NDArray eye = scope.eye(b);
    NDArray predictions = columnPredictions(p, out, b, c);
    NDArray targets = columnTargets(p, content);
    NDArray keysByColumn = keys.transpose();
    NDArray sameValue = ScalarOps.mul(keysByColumn.expandDims(2).eq(keysByColumn.expandDims(1))
        .toType(DataType.FLOAT32, false).sub(eye), SAME_VALUE_PENALTY);
    NDArray logits = ScalarOps.div(predictions.matMul(targets), temperature)
        .sub(sameValue.expandDims(0));
    NDArray logLikelihood = logits.logSoftmax(3).mul(eye).sum(new int[] {3});
    NDArray hidden = masks.reshape(2, b, c).transpose(0, 2, 1);
    NDArray columnLoss = logLikelihood.mul(hidden).sum().neg().div(hidden.sum());

    NDArray z = out.embedding();
    NDArray first = z.get("0:" + b);
    NDArray second = z.get(b + ":");
    NDArray rowLogits = ScalarOps.div(first.matMul(second.transpose()), temperature);
    NDArray rowLoss = ScalarOps.div(rowLogits.logSoftmax(1).mul(eye).sum()
        .add(rowLogits.logSoftmax(0).mul(eye).sum()), -2f * b);

    NDArray similarity = z.matMul(z.transpose());
    NDArray spread = ScalarOps.sub(ScalarOps.mul(similarity, 4f), 4f).exp().mean().log();

    NDArray total = ScalarOps.mul(columnLoss, (float) weights.column())
        .add(ScalarOps.mul(rowLoss, (float) weights.row()))
        .add(ScalarOps.mul(spread, (float) weights.spread()));
    NDArray reconstruction = null;
    if (weights.reconstruction() > 0 && scalarTargets != null && scalarTargets.any()) {
      reconstruction = reconstruction(p, scope, out.tokens(), batch, firstMask);
      if (reconstruction != null) {
        total = total.add(ScalarOps.mul(reconstruction, (float) weights.reconstruction()));
      }
    }
    if (tokens.gatePenalty() != null) {
      total = total.add(ScalarOps.mul(tokens.gatePenalty(), RelatedTokens.GATE_PENALTY));
    }
    return new Terms(total, columnLoss, rowLoss, spread, reconstruction, z);
  }

  /**
   * Mean squared error of the reconstruction head on the hidden numeric cells of both views, or
   * null when the batch hides none.
   *
   * @param outputs the transformer's token outputs of both views, (2B, T, d)
   */
  private NDArray reconstruction(Map<String, NDArray> p, NDManager scope, NDArray outputs,
      SpaceTokens.Batch batch, float[] firstMask) {
    int b = batch.rows().rows();
    int c = config.columns();
    int t = tokens();
    ScalarTargets.Cells cells = scalarTargets.of(batch.rows());
    float[] scored = new float[2 * b * c];
    float[] targets = new float[2 * b * c];
    float count = 0;
    for (int view = 0; view < 2; view++) {
      for (int r = 0; r < b; r++) {
        for (int j = 0; j < c; j++) {
          float hidden = firstMask[r * t + j];
          if (view == 1) {
            hidden = 1f - hidden;
          }
          int cell = r * c + j;
          int at = view * b * c + cell;
          scored[at] = hidden * cells.observed()[cell];
          targets[at] = cells.values()[cell];
          count += scored[at];
        }
      }
    }
    if (count == 0) {
      return null;
    }
    NDArray columns = t == c ? outputs : outputs.get(":, 0:" + c + ", :");
    NDArray hiddenLayer = TabularTransformer.gelu(
        columns.matMul(p.get("recon.w1")).add(p.get("recon.b1")));
    NDArray predicted = hiddenLayer.mul(p.get("recon.w2")).sum(new int[] {2})
        .add(p.get("recon.b2"));
    NDArray error = predicted.sub(scope.create(targets, new Shape(2L * b, c)));
    return ScalarOps.div(error.square().mul(scope.create(scored, new Shape(2L * b, c))).sum(),
        count);
  }

  /** Embeddings of a batch's rows with nothing hidden, (B, d): what the space gives a row. */
  NDArray embed(Map<String, NDArray> p, NDManager scope, SpaceTokens.Batch batch) {
    int b = batch.rows().rows();
    NDArray content = SpaceTokens.of(p, scope, batch, related, config.dModel()).content();
    return TabularTransformer.encode(config, p, content, scope.zeros(new Shape(b, tokens(), 1)))
        .embedding();
  }

  /**
   * Per column, the summed InfoNCE loss (in nats) of the batch's hidden cells and their count,
   * with every other row of the batch as a candidate, including rows holding the same value:
   * that keeps {@code log(B) - loss} a lower bound on the mutual information between the column
   * and the rest of the row (a two-valued column cannot score more than one bit).
   *
   * @return {@code [sum of column 0, count of column 0, sum of column 1, ...]}
   */
  double[] columnInformation(Map<String, NDArray> p, NDManager scope, SpaceTokens.Batch batch,
      float[] firstMask, float temperature) {
    int b = batch.rows().rows();
    int c = tokens();
    NDArray content = SpaceTokens.of(p, scope, batch, related, config.dModel()).content();
    NDArray maskA = scope.create(firstMask, new Shape(b, c));
    NDArray masks = maskA.concat(ScalarOps.add(maskA.neg(), 1f), 0);
    TabularTransformer.Output out =
        TabularTransformer.encode(config, p, content.concat(content, 0), masks.expandDims(2));
    NDArray logits = ScalarOps.div(
        columnPredictions(p, out, b, c).matMul(columnTargets(p, content)), temperature);
    NDArray loss = logits.logSoftmax(3).mul(scope.eye(b)).sum(new int[] {3}).neg();
    NDArray hidden = masks.reshape(2, b, c).transpose(0, 2, 1);
    float[] sums = loss.mul(hidden).sum(new int[] {0, 2}).toFloatArray();
    float[] counts = hidden.sum(new int[] {0, 2}).toFloatArray();
    double[] result = new double[2 * c];
    for (int j = 0; j < c; j++) {
      result[2 * j] = sums[j];
      result[2 * j + 1] = counts[j];
    }
    return result;
  }

  /** Same-value keys of a batch, (B, T): the columns' keys, then the related tables' keys. */
  private float[] keys(SpaceTokens.Batch batch) {
    EncodedRows rows = batch.rows();
    if (related.isEmpty()) {
      return rows.keys();
    }
    int b = rows.rows();
    int c = rows.columns();
    int r = related.count();
    float[] relatedKeys = related.keys(batch.related(), batch.holders());
    float[] keys = new float[b * (c + r)];
    for (int i = 0; i < b; i++) {
      System.arraycopy(rows.keys(), i * c, keys, i * (c + r), c);
      System.arraycopy(relatedKeys, i * r, keys, i * (c + r) + c, r);
    }
    return keys;
  }

  /** Per view and column, what the outputs at each row predict: (2, C, B, d), unit length. */
  private NDArray columnPredictions(Map<String, NDArray> p, TabularTransformer.Output out, int b,
      int c) {
    return TabularTransformer.l2normalise(
        TabularTransformer.gelu(out.tokens().matMul(p.get("colhead.w1")).add(p.get("colhead.b1")))
            .matMul(p.get("colhead.w2")))
        .reshape(2, b, c, config.dModel()).transpose(0, 2, 1, 3);
  }

  /** Per column, the encodings to pick among: (1, C, d, B), unit length. */
  private static NDArray columnTargets(Map<String, NDArray> p, NDArray content) {
    return TabularTransformer.l2normalise(content.matMul(p.get("target.w")))
        .transpose(1, 2, 0).expandDims(0);
  }
}
