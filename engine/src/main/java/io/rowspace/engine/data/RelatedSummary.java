package io.rowspace.engine.data;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;

/**
 * One summary of a relation's rows per holder row, beyond the count, mean, maximum and shares
 * every child relation has: what an analyst would write as an aggregate, computed by the reader
 * of the related table inside its keyed reads.
 *
 * @param kind what is computed
 * @param column the related table's column it reads; empty for {@link Kind#NESTED}
 * @param value the category of {@link Kind#IS}; the nested summary's name for {@link Kind#NESTED}
 * @param reference for the time kinds, the reference time (milliseconds since 1970, UTC) chosen
 *     when the space was created: the latest value of the column then; 0 otherwise
 * @param nested for {@link Kind#NESTED}, the index of the nested relation rolled up
 * @param source for {@link Kind#NESTED}, the index of the summary in the nested relation's
 *     summaries
 */
public record RelatedSummary(Kind kind, String column, String value, long reference, int nested,
    int source) {

  /** Milliseconds in a day: times since are in days, rates per day. */
  public static final double DAY_MILLIS = 86_400_000d;

  /** What a summary computes. */
  public enum Kind {
    /** Child: the smallest value of a numeric column. */
    MIN("min"),
    /** Child: the (population) standard deviation of a numeric column. */
    STD("std"),
    /** Child: the number of distinct values of a column (counted up to a bound). */
    DISTINCT("distinct"),
    /** Child: days from the latest value of a date/time column to the reference time. */
    SINCE_LATEST("days_since_latest"),
    /** Child: days from the earliest value of a date/time column to the reference time. */
    SINCE_EARLIEST("days_since_earliest"),
    /** Child: related rows per day between the earliest one and the reference time. */
    RATE("per_day"),
    /** Parent: the value of a numeric column. */
    VALUE("value"),
    /** Parent: days from the value of a date/time column to the reference time. */
    SINCE("days_since"),
    /** Parent: 1 when a category column holds {@code value}, else 0. */
    IS("is"),
    /**
     * A summary of a nested relation rolled up to this relation's holder: for a child, the mean
     * over its kept rows (weighted by the nested count for a nested child's shares and means);
     * for a parent, the nested summary of its row.
     */
    NESTED("");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    /** Whether the kind reads a date/time column against the reference time. */
    public boolean timed() {
      return this == SINCE_LATEST || this == SINCE_EARLIEST || this == RATE || this == SINCE;
    }
  }

  /**
   * The summary's name after its relation's name: {@code ORDERS.AMOUNT.min},
   * {@code ORDERS.ORDERED_AT.days_since_latest}, {@code PRODUCTS.CATEGORY=premium},
   * {@code ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share}.
   *
   * @param relation the relation's name
   */
  public String name(String relation) {
    return switch (kind) {
      case NESTED -> relation + "→" + value;
      case IS -> relation + "." + column + "=" + value;
      case VALUE -> relation + "." + column;
      case RATE -> relation + "." + column + "." + kind.suffix;
      default -> relation + "." + column + "." + kind.suffix;
    };
  }

  void write(DataOutput out) throws IOException {
    ModelFile.writeText(out, kind.name());
    ModelFile.writeText(out, column);
    ModelFile.writeText(out, value);
    out.writeLong(reference);
    out.writeInt(nested);
    out.writeInt(source);
  }

  static RelatedSummary read(DataInput in) throws IOException {
    Kind kind;
    try {
      kind = Kind.valueOf(ModelFile.readText(in).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown related summary kind", e);
    }
    String column = ModelFile.readText(in);
    String value = ModelFile.readText(in);
    long reference = in.readLong();
    int nested = in.readInt();
    int source = in.readInt();
    if (nested < 0 || nested > 64 || source < 0 || source > 100_000) {
      throw new IOException("invalid nested summary " + nested + "/" + source);
    }
    return new RelatedSummary(kind, column, value, reference, nested, source);
  }
}
