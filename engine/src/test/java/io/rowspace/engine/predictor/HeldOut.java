package io.rowspace.engine.predictor;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.testsupport.RocAuc;

import java.util.List;

/** How well a predictor does on rows it never saw, as the tests judge it. */
public final class HeldOut {
  private HeldOut() {}

  /** AUC of the predicted probability of {@code label} against the rows' own target values. */
  public static double auc(Predictor p, EmbeddingSpace space, Frame rows, String target, String label) {
    List<Prediction> predictions = p.predict(space, rows);
    int column = rows.indexOf(target);
    double[] scores = new double[predictions.size()];
    boolean[] positive = new boolean[predictions.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = predictions.get(i).probabilities().get(label);
      positive[i] = label.equals(rows.value(i, column));
    }
    return RocAuc.of(scores, positive);
  }
}
