package io.rowspace.engine.space;

import java.util.Map;

/**
 * What a space computes for a batch of rows: the row embeddings and, for predictors on top of the
 * space, the transformer's CLS output before projection and its column-token outputs.
 *
 * @param embeddings L2-normalised row embeddings, one per row
 * @param context per row, the CLS output (d_model values) followed, when requested, by the
 *     output of every column token (columns x d_model values)
 * @param unparseable per space column, values that could not be read as the column's type and
 *     were treated as missing (columns with none are left out)
 */
public record Representation(float[][] embeddings, float[][] context,
    Map<String, Long> unparseable) {}
