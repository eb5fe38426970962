package io.rowspace.engine.predictor.train;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the rows a predictor was trained on happened: the earliest and latest value of the first
 * date or timestamp among its input columns, recorded among its resolved options
 * ({@code training_time_column}, {@code training_time_from}, {@code training_time_to}) for the
 * model card of {@code DESCRIBE PREDICTOR}. Dates print as {@code 2024-01-31}, timestamps as
 * ISO instants (UTC).
 */
final class TrainingTimeSpan {
  private static final double SECONDS_PER_DAY = 86_400;

  private TrainingTimeSpan() {
  }

  static Optional<Map<String, String>> of(List<ColumnProfile> profiles, List<String> inputs,
      Frame rows) {
    for (ColumnProfile profile : profiles) {
      if (!profile.used() || !inputs.contains(profile.name())
          || profile.valueKind() != ValueKind.TEMPORAL) {
        continue;
      }
      int c = rows.indexOf(profile.name());
      if (c < 0) {
        continue;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      boolean wholeDays = true;
      for (Object v : rows.column(c)) {
        if (ValueParser.isMissing(v, ValueKind.TEMPORAL)) {
          continue;
        }
        double days = ValueParser.number(v, ValueKind.TEMPORAL);
        if (Double.isNaN(days)) {
          continue;
        }
        min = Math.min(min, days);
        max = Math.max(max, days);
        wholeDays &= days == Math.rint(days);
      }
      if (min > max) {
        continue;
      }
      Map<String, String> span = new LinkedHashMap<>();
      span.put("training_time_column", profile.name());
      span.put("training_time_from", text(min, wholeDays));
      span.put("training_time_to", text(max, wholeDays));
      return Optional.of(span);
    }
    return Optional.empty();
  }

  private static String text(double days, boolean wholeDays) {
    if (wholeDays) {
      return LocalDate.ofEpochDay((long) days).toString();
    }
    return Instant.ofEpochSecond(Math.round(days * SECONDS_PER_DAY)).toString();
  }
}
