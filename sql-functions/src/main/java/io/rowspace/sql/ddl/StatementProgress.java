package io.rowspace.sql.ddl;

/**
 * Where a Rowspace statement reports its progress as it runs (training a space or a predictor):
 * the foreground statement's listener ({@code io.rowspace.jdbc.ProgressListener}, the driver's
 * public name for it) or a background job, which writes it to {@code ROWSPACE.JOBS}.
 */
@FunctionalInterface
public interface StatementProgress {
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
