package io.rowspace.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The notice before the first statement of a run that uses a model: loading the neural network
 * engine and the models takes several seconds (about 15 on a laptop) the first time in a JVM, and
 * without a word the shell would look hung.
 */
final class ModelLoading {
  static final String MESSAGE = "rowspace: loading models\u2026 (the first model query of a "
      + "session takes a few seconds)";
  private static final Pattern USES_A_MODEL = Pattern.compile("(?is).*\\b(PREDICT|PREDICT_PROBA|"
      + "PREDICT_DETAILS|SIMILAR_ROWS|EMBEDDINGS|ANOMALY_SCORE|EVALUATE\\s+PREDICTOR|"
      + "REFRESH\\s+EMBEDDING\\s+SPACE)\\b.*");
  private static final AtomicBoolean LOADED = new AtomicBoolean();

  private ModelLoading() {
  }

  /** Whether {@code sql} uses a model; true only for the first such statement of the JVM. */
  static boolean isFirst(String sql) {
    return usesAModel(sql) && LOADED.compareAndSet(false, true);
  }

  /** Whether {@code sql} calls a Rowspace function or statement that loads a trained model. */
  static boolean usesAModel(String sql) {
    return USES_A_MODEL.matcher(sql).matches();
  }
}
