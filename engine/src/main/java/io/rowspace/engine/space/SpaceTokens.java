package io.rowspace.engine.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.SentenceCells;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.nn.TabularTransformer;

import java.util.List;
import java.util.Map;

/**
 * The tokens a space reads a row as, on PyTorch: one per column (its encoding), then one per
 * related table ({@link RelatedTokens}), and where the weights that make them live. Training's
 * objective, fine-tuning's forward pass and the space's own PyTorch embedding path all start
 * here, so a row gets the same tokens whoever asks.
 */
public final class SpaceTokens {
  private SpaceTokens() {}

  /**
   * Rows of one batch: the root rows' encodings, and the encoded related rows addressed by the
   * global indexes of the same rows.
   */
  public record Batch(EncodedRows rows, List<RelatedTokens.Encoded> related, int[] holders) {
    /** The batch of the given rows of all encoded rows. */
    public static Batch of(EncodedRows all, List<RelatedTokens.Encoded> related, int[] rows) {
      return new Batch(all.select(rows), related, rows);
    }
  }

  /** A batch's tokens before masking, (B, T, d), and the related tables' gate penalty or null. */
  public record Tokens(NDArray content, NDArray gatePenalty) {}

  /** Where every weight of a space lives: the transformer's, then the related tables'. */
  public static ParameterLayout layout(TabularTransformer.Config config, RelatedTokens related) {
    ParameterLayout layout = TabularTransformer.layout(config);
    related.addTo(layout, config.dModel());
    return layout;
  }

  /** All tokens of a batch before masking: columns, then related tables. */
  public static Tokens of(Map<String, NDArray> p, NDManager scope, Batch batch,
      RelatedTokens related, int d) {
    NDArray content = columns(p, scope, batch.rows());
    if (related.isEmpty()) {
      return new Tokens(content, null);
    }
    RelatedTokens.Output out = related.forward(p, scope, batch.related(), batch.holders(), d);
    return new Tokens(content.concat(out.tokens(), 1), out.gatePenalty());
  }

  /**
   * The transformer over a batch with the same columns hidden in every row: {@code maskRow} holds
   * 1 for each hidden token (columns, then related tables), 0 for the others.
   */
  public static TabularTransformer.Output encodeMasked(TabularTransformer.Config config,
      Map<String, NDArray> p, NDManager scope, Batch batch, RelatedTokens related,
      float[] maskRow) {
    int b = batch.holders().length;
    int t = maskRow.length;
    float[] mask = new float[b * t];
    for (int r = 0; r < b; r++) {
      System.arraycopy(maskRow, 0, mask, r * t, t);
    }
    NDArray content = of(p, scope, batch, related, config.dModel()).content();
    return TabularTransformer.encode(config, p, content, scope.create(mask, new Shape(b, t, 1)));
  }

  /** Column tokens of a batch before masking, (B, C, d). */
  public static NDArray columns(Map<String, NDArray> p, NDManager scope, EncodedRows batch) {
    int b = batch.rows();
    int c = batch.columns();
    NDArray idx = scope.create(batch.indexAsLongs(), new Shape(b, c, batch.slots()));
    NDArray features = scope.create(batch.values(), new Shape(b, c, batch.features()));
    SentenceCells cells = batch.sentences();
    TabularTransformer.SentenceInput sentences = !cells.present() ? null
        : new TabularTransformer.SentenceInput(
            scope.create(cells.rowsAsLongs(), new Shape(b, c)),
            scope.create(cells.table(), new Shape(cells.tableRows(), cells.dimension())),
            scope.create(cells.where(SentenceCells.GATED), new Shape(b, c, 1)),
            scope.create(cells.where(SentenceCells.ALONE), new Shape(b, c, 1)));
    return TabularTransformer.content(p, idx, features, sentences);
  }
}
