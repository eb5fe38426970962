package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.space.Representation;

import java.util.Map;
import java.util.Set;

/**
 * The inputs of a predictor's network: for each row, the space's embedding, CLS output and
 * column-token outputs, computed with the target column masked so the target can never leak in.
 *
 * @param values row-major features, {@code rows x width}
 * @param rows number of rows
 * @param width features per row
 * @param unparseable per space column, values unreadable as the column's type
 */
record SpaceFeatures(float[] values, int rows, int width, Map<String, Long> unparseable) {

  static SpaceFeatures of(EmbeddingSpace space, Frame frame, String target) {
    return of(space, frame, Set.of(target));
  }

  /** The features with the given columns (the target among them) masked. */
  static SpaceFeatures of(EmbeddingSpace space, Frame frame, Set<String> masked) {
    Representation r = space.represent(frame, masked, true);
    int n = frame.rowCount();
    int e = space.embeddingDimension();
    int width = n == 0 ? e : e + r.context()[0].length;
    float[] values = new float[n * width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(r.embeddings()[i], 0, values, i * width, e);
      System.arraycopy(r.context()[i], 0, values, i * width + e, width - e);
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
