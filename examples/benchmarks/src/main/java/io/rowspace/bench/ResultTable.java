package io.rowspace.bench;

import java.util.List;
import java.util.Locale;

/** The benchmark's results as a Markdown table, one row per data set. */
final class ResultTable {
  private static final String HEADER = "| data set | task | rows train / held-out | metric "
      + "| Rowspace | XGBoost | logistic / linear | Rowspace vs best | Rowspace ECE "
      + "| 90% interval coverage | Rowspace train s (space + predictor) | XGBoost s "
      + "| Rowspace predict s | Rowspace peak heap | peak RSS |";

  private ResultTable() {
  }

  static String markdown(List<DatasetResult> results) {
    StringBuilder table = new StringBuilder(HEADER).append('\n');
    table.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (DatasetResult r : results) {
      table.append("| ").append(r.dataset())
          .append(" | ").append(r.task())
          .append(" | ").append(String.format(Locale.ROOT, "%,d / %,d", r.trainingRows(),
              r.heldOutRows()))
          .append(" | ").append(r.metric())
          .append(" | ").append(metric(r.rowspace()))
          .append(" | ").append(metric(r.xgboost()))
          .append(" | ").append(metric(r.linear()))
          .append(" | ").append(gap(r))
          .append(" | ").append(fraction(r.calibrationError()))
          .append(" | ").append(fraction(r.intervalCoverage()))
          .append(" | ").append(String.format(Locale.ROOT, "%.1f (%.1f + %.1f)",
              r.spaceSeconds() + r.predictorSeconds(), r.spaceSeconds(), r.predictorSeconds()))
          .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.xgboostSeconds()))
          .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.predictSeconds()))
          .append(" | ").append(bytes(r.heapPeakBytes()))
          .append(" | ").append(bytes(r.residentPeakBytes()))
          .append(" |\n");
    }
    return table.toString();
  }

  /** A metric: AUC and accuracy to three decimals, an RMSE to four significant digits. */
  static String metric(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (Math.abs(value) >= 1) {
      return String.format(Locale.ROOT, "%.4g", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /**
   * Rowspace against the better baseline: the difference for AUC and accuracy (negative is
   * worse), the relative difference for RMSE (positive is worse).
   */
  static String gap(DatasetResult r) {
    double best = r.bestBaseline();
    if (Double.isNaN(best) || Double.isNaN(r.rowspace())) {
      return "—";
    }
    if (r.higherIsBetter()) {
      return String.format(Locale.ROOT, "%+.3f", r.rowspace() - best);
    }
    return String.format(Locale.ROOT, "%+.1f%%", 100 * (r.rowspace() / best - 1));
  }

  private static String fraction(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String bytes(long bytes) {
    return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
