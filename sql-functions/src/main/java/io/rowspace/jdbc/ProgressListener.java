package io.rowspace.jdbc;

/**
 * Receives progress of long-running Rowspace statements (training a space or a predictor).
 *
 * <p>Register one on a statement with
 * {@code statement.unwrap(RowspaceStatement.class).setProgressListener(listener)}. Calls arrive on
 * the thread that executes the statement.
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Reports progress.
   *
   * @param phase what is being done, e.g. {@code "training space CREDIT_SPACE"}
   * @param step steps done so far
   * @param totalSteps steps in this phase (0 when unknown)
   * @param message a short human-readable status, e.g. the current loss
   */
  void progress(String phase, int step, int totalSteps, String message);
}
