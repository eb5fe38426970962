package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.Representation;

import java.util.Map;
import java.util.Set;

/**
 * The inputs of a predictor's network: for each row, the space's embedding, CLS output and
 * column-token outputs, computed with the target column masked so the target can never leak in;
 * optionally (predictor format 4, option {@code column_features}) followed by the input
 * columns' own numeric features ({@link EmbeddingSpace#columnFeatures}, the target's all zero), a
 * direct path for exact values beside the embedding.
 *
 * @param values row-major features, {@code rows x width}
 * @param rows number of rows
 * @param width features per row
 * @param unparseable per space column, values unreadable as the column's type
 */
record SpaceFeatures(float[] values, int rows, int width, Map<String, Long> unparseable) {

  static SpaceFeatures of(EmbeddingSpace space, Frame frame, String target,
      boolean withColumns) {
    return of(space, frame, Set.of(target), withColumns);
  }

  /**
   * The features with the given columns (the target among them) masked.
   *
   * @param withColumns whether the columns' own features follow the space's outputs
   */
  static SpaceFeatures of(EmbeddingSpace space, Frame frame, Set<String> masked,
      boolean withColumns) {
    Representation r = space.represent(frame, masked, true);
    int n = frame.rowCount();
    int e = space.embeddingDimension();
    int spaceWidth = e + space.dModel() * (1 + space.usedColumns().size()
        + space.relations().size());
    int columnWidth = withColumns ? space.columnFeatureWidth() : 0;
    float[] columns = withColumns ? space.columnFeatures(frame, masked) : null;
    int width = spaceWidth + columnWidth;
    float[] values = new float[n * width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(r.embeddings()[i], 0, values, i * width, e);
      System.arraycopy(r.context()[i], 0, values, i * width + e, spaceWidth - e);
      if (withColumns) {
        System.arraycopy(columns, i * columnWidth, values, i * width + spaceWidth, columnWidth);
      }
    }
    return new SpaceFeatures(values, n, width, r.unparseable());
  }

  /** Standardises in place with the given per-feature mean and standard deviation. */
  void standardise(float[] mean, float[] std) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < width; j++) {
        values[i * width + j] = (values[i * width + j] - mean[j]) / std[j];
      }
    }
  }
}
