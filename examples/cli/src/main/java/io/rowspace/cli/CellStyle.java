package io.rowspace.cli;

import io.rowspace.engine.profile.DateText;
import io.rowspace.engine.profile.NumberText;

/**
 * How one CSV column writes numbers and dates: whether its commas are decimal commas
 * ({@code 1.234,5}) and whether {@code 01/02/2024} is January 2nd or February 1st. Decided per
 * column by {@link ColumnTypeInference} from the values that only read one way.
 */
record CellStyle(NumberText.DecimalMark decimalMark, DateText.DayOrder dayOrder) {
  /** Commas read per value ({@code 1,234} a thousand, {@code 12,5} a decimal), month first. */
  static final CellStyle DEFAULT =
      new CellStyle(NumberText.DecimalMark.AUTO, DateText.DayOrder.MONTH_FIRST);
}
