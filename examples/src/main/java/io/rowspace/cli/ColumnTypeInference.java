package io.rowspace.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Infers the SQL type of each column of a CSV file from its values: the narrowest of BOOLEAN,
 * INTEGER, BIGINT, DOUBLE PRECISION, DATE and TIMESTAMP that accepts every non-empty value, and
 * VARCHAR when none does or the column is empty throughout. Integers that outgrow INTEGER widen
 * to BIGINT, then DOUBLE PRECISION when decimals appear; dates mixed with date-times widen to
 * TIMESTAMP.
 */
final class ColumnTypeInference {
  private static final List<ColumnType> NARROWEST_FIRST = List.of(ColumnType.BOOLEAN,
      ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.DATE, ColumnType.TIMESTAMP);

  private final List<EnumSet<ColumnType>> candidates = new ArrayList<>();
  private final List<Boolean> seen = new ArrayList<>();

  /** Takes the values of one record into account. */
  void observe(List<String> record) {
    for (int c = 0; c < record.size(); c++) {
      while (candidates.size() <= c) {
        candidates.add(EnumSet.copyOf(NARROWEST_FIRST));
        seen.add(false);
      }
      String value = record.get(c);
      if (value == null || value.isBlank()) {
        continue;
      }
      seen.set(c, true);
      candidates.get(c).removeIf(type -> !type.accepts(value));
    }
  }

  /** The inferred type of column {@code column} (0-based). */
  ColumnType typeOf(int column) {
    if (column >= candidates.size() || !seen.get(column)) {
      return ColumnType.VARCHAR;
    }
    EnumSet<ColumnType> left = candidates.get(column);
    return NARROWEST_FIRST.stream().filter(left::contains).findFirst().orElse(ColumnType.VARCHAR);
  }
}
