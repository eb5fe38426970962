package io.rowspace.engine.data;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a related table hangs from its holder in a space: the root table, or another related table
 * for the second hop. Relations form a tree rooted at the space's root table; each one becomes a
 * token of its holder's rows.
 *
 * @param name the token's name, unique among its siblings: the table name, or
 *     {@code TABLE VIA COLUMN} when the same table is reached twice
 * @param table the related table as the backing database names it
 * @param kind whether the related rows reference the holder (child) or the other way round
 * @param holderColumns the holder's join columns: its key for a child, its foreign key for a parent
 * @param tableColumns the related table's join columns, matching {@code holderColumns} in order
 * @param summaryColumns numeric columns summarised (mean, max) over all rows of a child per holder
 * @param shareColumns categorical columns of a child whose value shares are summarised, one entry
 *     per value (a column appears once per value)
 * @param shareValues the values, matching {@code shareColumns}
 * @param nested relations one hop further, whose holder is this relation's table
 * @param summaries further summaries per holder row (minimum, spread, distinct values, times
 *     since, rates, a parent's values, nested relations' summaries rolled up), after the count,
 *     means, maxima and shares; empty for spaces saved before they existed
 */
public record Relation(String name, String table, Kind kind, List<String> holderColumns,
    List<String> tableColumns, List<String> summaryColumns, List<String> shareColumns,
    List<String> shareValues, List<Relation> nested, List<RelatedSummary> summaries) {

  /** Direction of a relation, seen from its holder. */
  public enum Kind {
    /** Many related rows reference one holder row (1:N); they are aggregated into one token. */
    CHILD,
    /** One related row is referenced by the holder row (N:1); its encoding is the token. */
    PARENT
  }

  /** A relation with the first summaries only (count, means, maxima, shares). */
  public Relation(String name, String table, Kind kind, List<String> holderColumns,
      List<String> tableColumns, List<String> summaryColumns, List<String> shareColumns,
      List<String> shareValues, List<Relation> nested) {
    this(name, table, kind, holderColumns, tableColumns, summaryColumns, shareColumns,
        shareValues, nested, List.of());
  }

  public Relation {
    summaries = List.copyOf(summaries);
    holderColumns = List.copyOf(holderColumns);
    tableColumns = List.copyOf(tableColumns);
    summaryColumns = List.copyOf(summaryColumns);
    shareColumns = List.copyOf(shareColumns);
    shareValues = List.copyOf(shareValues);
    nested = List.copyOf(nested);
    if (shareColumns.size() != shareValues.size()) {
      throw new IllegalArgumentException("Relation '" + name + "' needs one value per shared "
          + "column.");
    }
    if (holderColumns.isEmpty() || holderColumns.size() != tableColumns.size()) {
      throw new IllegalArgumentException("Relation '" + name + "' needs matching join columns, "
          + "got " + holderColumns + " and " + tableColumns + ".");
    }
  }

  /**
   * Number of summary features per holder row: for a child, count, emptiness, mean and max per
   * summary column, one share per shared value; then, for children and parents, one per further
   * summary.
   */
  public int summaryWidth() {
    return firstSummaryWidth() + summaries.size();
  }

  /** Where the further summaries start in a holder row's summary. */
  public int firstSummaryWidth() {
    return kind == Kind.CHILD ? 2 + 2 * summaryColumns.size() + shareColumns.size() : 0;
  }

  /**
   * The name of each summary feature, in order: {@code ORDERS.count}, {@code ORDERS.empty},
   * {@code ORDERS.AMOUNT.mean}, {@code ORDERS.AMOUNT.max}, {@code ORDERS.RETURNED=yes.share},
   * then the further summaries ({@link RelatedSummary#name}).
   */
  public List<String> summaryNames() {
    List<String> names = new ArrayList<>();
    if (kind == Kind.CHILD) {
      names.add(name + ".count");
      names.add(name + ".empty");
      for (String c : summaryColumns) {
        names.add(name + "." + c + ".mean");
        names.add(name + "." + c + ".max");
      }
      for (int i = 0; i < shareColumns.size(); i++) {
        names.add(name + "." + shareColumns.get(i) + "=" + shareValues.get(i) + ".share");
      }
    }
    for (RelatedSummary s : summaries) {
      names.add(s.name(name));
    }
    return names;
  }

  /** Whether this relation or a nested one has further summaries (saved in the newer format). */
  public boolean hasFurtherSummaries() {
    return flatten().stream().anyMatch(r -> !r.summaries.isEmpty());
  }

  /** This relation and all nested ones, depth first, this one first. */
  public List<Relation> flatten() {
    List<Relation> all = new ArrayList<>();
    all.add(this);
    for (Relation r : nested) {
      all.addAll(r.flatten());
    }
    return all;
  }

  /**
   * This relation, and those nested in it, with its tables and columns renamed: the name of a
   * relation that is its table's ({@code ORDERS}, {@code ORDERS VIA BUYER}) follows the table's
   * and join columns' new names, and the summaries rolled up from a nested relation follow that
   * relation's new summary names. Summary names keep their order, so old and new names pair up
   * one for one.
   *
   * @param names the new names
   * @param holder the old name of the table this relation hangs from
   */
  public Relation renamed(Renaming names, String holder) {
    List<Relation> renamedNested = nested.stream().map(n -> n.renamed(names, table)).toList();
    List<String> holderNames = holderColumns.stream().map(c -> names.column(holder, c)).toList();
    List<String> tableNames = tableColumns.stream().map(c -> names.column(table, c)).toList();
    String newTable = names.table(table);
    String newName = name;
    if (name.equals(table)) {
      newName = newTable;
    } else if (name.equals(table + " VIA " + String.join(", ",
        kind == Kind.CHILD ? tableColumns : holderColumns))) {
      newName = newTable + " VIA " + String.join(", ",
          kind == Kind.CHILD ? tableNames : holderNames);
    }
    List<RelatedSummary> renamedSummaries = new ArrayList<>();
    for (RelatedSummary s : summaries) {
      if (s.kind() == RelatedSummary.Kind.NESTED
          && s.source() < nested.get(s.nested()).summaryWidth()) {
        String old = nested.get(s.nested()).summaryNames().get(s.source());
        String now = renamedNested.get(s.nested()).summaryNames().get(s.source());
        String value = s.value().startsWith(old) ? now + s.value().substring(old.length())
            : s.value();
        renamedSummaries.add(new RelatedSummary(s.kind(), s.column(), value, s.reference(),
            s.nested(), s.source()));
      } else {
        renamedSummaries.add(s.kind() == RelatedSummary.Kind.NESTED ? s
            : new RelatedSummary(s.kind(), names.column(table, s.column()),
            s.value(), s.reference(), s.nested(), s.source()));
      }
    }
    return new Relation(newName, newTable, kind, holderNames, tableNames,
        summaryColumns.stream().map(c -> names.column(table, c)).toList(),
        shareColumns.stream().map(c -> names.column(table, c)).toList(), shareValues,
        renamedNested, renamedSummaries);
  }

  /** Writes the relation as spaces before further summaries did (they must have none). */
  public void write(DataOutput out) throws IOException {
    write(out, false);
  }

  /**
   * Writes the relation; with {@code summaries}, each relation's further summaries follow its
   * nested relations.
   */
  public void write(DataOutput out, boolean summaries) throws IOException {
    ModelFile.writeText(out, name);
    ModelFile.writeText(out, table);
    ModelFile.writeText(out, kind.name());
    writeList(out, holderColumns);
    writeList(out, tableColumns);
    writeList(out, summaryColumns);
    writeList(out, shareColumns);
    writeList(out, shareValues);
    out.writeInt(nested.size());
    for (Relation r : nested) {
      r.write(out, summaries);
    }
    if (summaries) {
      out.writeInt(this.summaries.size());
      for (RelatedSummary s : this.summaries) {
        s.write(out);
      }
    }
  }

  /** Reads a relation written by {@link #write}, at most {@code depth} levels deep. */
  public static Relation read(DataInput in, int depth) throws IOException {
    return read(in, depth, false);
  }

  /** Reads a relation written by {@link #write(DataOutput, boolean)}. */
  public static Relation read(DataInput in, int depth, boolean summaries) throws IOException {
    if (depth <= 0) {
      throw new IOException("relations nested too deeply");
    }
    String name = ModelFile.readText(in);
    String table = ModelFile.readText(in);
    Kind kind;
    try {
      kind = Kind.valueOf(ModelFile.readText(in));
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown relation kind", e);
    }
    List<String> holder = readList(in);
    List<String> columns = readList(in);
    List<String> summary = readList(in);
    List<String> shareColumns = readList(in);
    List<String> shareValues = readList(in);
    int n = in.readInt();
    if (n < 0 || n > 64) {
      throw new IOException("invalid count of nested relations " + n);
    }
    List<Relation> nested = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      nested.add(read(in, depth - 1, summaries));
    }
    List<RelatedSummary> further = new ArrayList<>();
    if (summaries) {
      int m = in.readInt();
      if (m < 0 || m > 10_000) {
        throw new IOException("invalid count of related summaries " + m);
      }
      for (int i = 0; i < m; i++) {
        RelatedSummary s = RelatedSummary.read(in);
        if (s.kind() == RelatedSummary.Kind.NESTED && s.nested() >= nested.size()) {
          throw new IOException("a summary of a nested relation that does not exist");
        }
        further.add(s);
      }
    }
    try {
      return new Relation(name, table, kind, holder, columns, summary, shareColumns, shareValues,
          nested, further);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void writeList(DataOutput out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      ModelFile.writeText(out, v);
    }
  }

  private static List<String> readList(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 10_000) {
      throw new IOException("invalid list length " + n);
    }
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(ModelFile.readText(in));
    }
    return values;
  }
}
