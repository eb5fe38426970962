package io.rowspace.multitable;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.Relation;
import io.rowspace.error.ErrorCode;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.planner.TypeFamily;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Reads the rows of related tables for a frame of holder rows, keyed and in bounded batches: the
 * holders' join values are bound as parameters of a read of the related table alone, a few
 * hundred keys per query, so no query ever joins and nothing is read twice.
 *
 * <p>Per holder row a child relation keeps at most {@link #ROWS_PER_HOLDER} rows, chosen by a
 * seeded hash of their values (the same rows whatever order the database returns them in), and
 * counts and summarises all of them (count, mean, maximum, shares, and the relation's further
 * summaries: minimum, spread, distinct values, times since, rates); memory is bounded by holders,
 * not by fan-out. Nested relations are read the same way for the rows kept, and their summaries
 * rolled up to the holder over those rows.
 */
public final class RelatedRowReader {
  /** Holder keys bound per query. */
  public static final int KEYS_PER_QUERY = 500;
  /** Related rows kept per holder row for a child relation. */
  public static final int ROWS_PER_HOLDER = 32;
  private static final int FETCH_SIZE = 2_000;

  private final Connection connection;
  private final TrainingPlanner planner;
  private final long seed;
  private final BooleanSupplier cancelled;
  private final Map<String, ReadStatistics> statistics = new LinkedHashMap<>();

  /**
   * @param connection the backing database
   * @param planner writes the SQL of each read in the backing database's dialect
   * @param seed picks the rows kept when a holder has more than {@link #ROWS_PER_HOLDER}
   * @param cancelled checked between batches; reading stops with SQLSTATE 57014 when true
   */
  public RelatedRowReader(Connection connection, TrainingPlanner planner, long seed,
      BooleanSupplier cancelled) {
    this.connection = connection;
    this.planner = planner;
    this.seed = seed;
    this.cancelled = cancelled;
  }

  /** What the reads found per relation, keyed by {@code holder -> table} path. */
  public Map<String, ReadStatistics> statistics() {
    return statistics;
  }

  /**
   * The holders with their related rows attached, one entry per relation. Holders missing a
   * relation's join columns (rows given by values) get no related rows for it.
   */
  public Frame attach(Frame holders, List<RelationRead> relations) throws SQLException {
    return holders.withRelated(read(holders, relations, ""));
  }

  private List<RelatedRows> read(Frame holders, List<RelationRead> relations, String path)
      throws SQLException {
    List<RelatedRows> result = new ArrayList<>(relations.size());
    for (RelationRead r : relations) {
      result.add(read(holders, r, path + r.relation().name()));
    }
    return result;
  }

  private RelatedRows read(Frame holders, RelationRead read, String path) throws SQLException {
    Relation relation = read.relation();
    int[] holderColumns = new int[relation.holderColumns().size()];
    for (int i = 0; i < holderColumns.length; i++) {
      holderColumns[i] = holders.indexOf(relation.holderColumns().get(i));
      if (holderColumns[i] < 0) {
        return RelatedRows.none(relation, holders.rowCount());
      }
    }
    // Distinct holder keys in order of first appearance, with the values to bind.
    List<ColumnInfo> columns = read.planned().readColumns();
    List<ColumnSchema> schema = columns.stream()
        .map(c -> new ColumnSchema(c.name(), c.jdbcType(), c.typeName())).toList();
    FurtherSummaries further = relation.summaries().isEmpty() ? null
        : new FurtherSummaries(relation, schema);
    Map<String, Group> groups = new LinkedHashMap<>();
    String[] holderKeys = new String[holders.rowCount()];
    Object[] row = new Object[holders.columnCount()];
    for (int h = 0; h < holders.rowCount(); h++) {
      for (int c : holderColumns) {
        row[c] = holders.value(h, c);
      }
      String key = JoinKey.of(row, holderColumns);
      holderKeys[h] = key;
      if (key != null && !groups.containsKey(key)) {
        Object[] values = new Object[holderColumns.length];
        for (int i = 0; i < values.length; i++) {
          values[i] = row[holderColumns[i]];
        }
        groups.put(key, new Group(values, relation.summaryColumns().size(),
            relation.shareColumns().size(), further == null ? null : further.newState()));
      }
    }
    int[] joinColumns = indexes(columns, relation.tableColumns());
    int[] summaryColumns = indexes(columns, relation.summaryColumns());
    int[] shareColumns = indexes(columns, relation.shareColumns());
    String[] shareValues = relation.shareValues().toArray(new String[0]);
    boolean child = relation.kind() == Relation.Kind.CHILD;
    int cap = child ? ROWS_PER_HOLDER : 1;
    ReadStatistics stats = statistics.computeIfAbsent(path, p -> new ReadStatistics());
    Map<Integer, PreparedStatement> statements = new HashMap<>();
    try {
      List<Group> pending = new ArrayList<>(groups.values());
      for (int from = 0; from < pending.size(); from += KEYS_PER_QUERY) {
        if (cancelled.getAsBoolean()) {
          throw ErrorCode.READ_CANCELLED.exception(relation.table());
        }
        List<Group> batch = pending.subList(from, Math.min(pending.size(), from + KEYS_PER_QUERY));
        PreparedStatement statement = statements.get(batch.size());
        if (statement == null) {
          statement = connection.prepareStatement(planner.relatedSelect(read.planned(),
              batch.size()));
          statement.setFetchSize(FETCH_SIZE);
          statements.put(batch.size(), statement);
        }
        int parameter = 1;
        for (Group g : batch) {
          for (int k = 0; k < g.keyValues.length; k++) {
            bind(statement, parameter++, g.keyValues[k], columns.get(joinColumns[k]));
          }
        }
        stats.queries++;
        try (ResultSet rs = statement.executeQuery()) {
          long sequence = 0;
          while (rs.next()) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
              values[i] = rs.getObject(i + 1);
            }
            Group g = groups.get(JoinKey.of(values, joinColumns));
            if (g == null) {
              continue;
            }
            stats.rowsRead++;
            g.add(values, summaryColumns, priority(values), sequence++, cap);
            g.share(values, shareColumns, shareValues);
            if (g.further != null) {
              g.further.add(values);
            }
          }
        }
      }
    } finally {
      for (PreparedStatement s : statements.values()) {
        s.close();
      }
    }
    // Kept rows in holder-key order, each group's in priority order.
    List<Object[]> kept = new ArrayList<>();
    Map<String, int[]> membersByKey = new HashMap<>();
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      int[] members = new int[g.kept.size()];
      List<Kept> ordered = new ArrayList<>(g.kept);
      ordered.sort(Kept.ORDER);
      for (int i = 0; i < members.length; i++) {
        members[i] = kept.size();
        kept.add(ordered.get(i).values);
      }
      membersByKey.put(e.getKey(), members);
      stats.maxFanout = Math.max(stats.maxFanout, g.count);
    }
    int[][] members = new int[holders.rowCount()][];
    long[] counts = new long[holders.rowCount()];
    double[][] summaries = new double[holders.rowCount()][];
    for (int h = 0; h < holders.rowCount(); h++) {
      Group g = holderKeys[h] == null ? null : groups.get(holderKeys[h]);
      if (g == null || g.count == 0) {
        members[h] = new int[0];
        summaries[h] = RelatedRows.emptySummary(relation);
        continue;
      }
      stats.holdersMatched++;
      members[h] = membersByKey.get(holderKeys[h]);
      counts[h] = g.count;
      summaries[h] = g.summary(relation);
    }
    Frame keptRows = Frame.ofRows(schema, kept);
    List<RelatedRows> nested = read(keptRows, read.nested(), path + "/");
    if (further != null) {
      further.rollUp(summaries, members, nested);
    }
    return new RelatedRows(relation, keptRows, members, counts, summaries, nested);
  }

  /**
   * Binds a holder's join value as the related column's type: rows given to a query arrive as
   * text, and databases such as PostgreSQL do not compare an integer column with text.
   */
  private static void bind(PreparedStatement statement, int parameter, Object value,
      ColumnInfo column) throws SQLException {
    TypeFamily family = TypeFamily.of(column.jdbcType());
    if (value instanceof String text && family.isNumeric()) {
      String plain = text.strip();
      try {
        statement.setObject(parameter, switch (family) {
          case INTEGER -> Long.parseLong(plain);
          case DECIMAL -> new BigDecimal(plain);
          default -> Double.parseDouble(plain);
        });
      } catch (NumberFormatException e) {
        // Not a number: it matches no row of a numeric key (NULL matches nothing).
        statement.setNull(parameter, column.jdbcType());
      }
    } else if (value instanceof Number number && family == TypeFamily.TEXT) {
      statement.setString(parameter, JoinKey.of(number));
    } else {
      statement.setObject(parameter, value);
    }
  }

  private static int[] indexes(List<ColumnInfo> columns, List<String> names) {
    int[] indexes = new int[names.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = -1;
      for (int c = 0; c < columns.size(); c++) {
        if (columns.get(c).name().equals(names.get(i))) {
          indexes[i] = c;
        }
      }
      if (indexes[i] < 0) {
        throw new IllegalArgumentException("Column " + names.get(i) + " is not read.");
      }
    }
    return indexes;
  }

  /** A seeded 64-bit hash of a row's values: which rows a holder keeps does not depend on order. */
  private long priority(Object[] values) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (Object v : values) {
      String text = v == null ? "\u0000" : JoinKey.of(v);
      for (int i = 0; i < text.length(); i++) {
        h = (h ^ text.charAt(i)) * 0x100000001B3L;
      }
      h = (h ^ 0x1F) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h;
  }

  /** A kept related row and the order it is kept in. */
  private record Kept(long priority, long sequence, Object[] values) {
    static final Comparator<Kept> ORDER =
        Comparator.comparingLong(Kept::priority).thenComparingLong(Kept::sequence);
  }

  /** The related rows of one holder key: all counted and summarised, a bounded sample kept. */
  private static final class Group {
    final Object[] keyValues;
    final PriorityQueue<Kept> kept = new PriorityQueue<>(Kept.ORDER.reversed());
    final double[] sums;
    final double[] maxima;
    final long[] present;
    final long[] shared;
    final FurtherSummaries.State further;
    long count;

    Group(Object[] keyValues, int summaryColumns, int shares, FurtherSummaries.State further) {
      this.keyValues = keyValues;
      this.further = further;
      this.shared = new long[shares];
      this.sums = new double[summaryColumns];
      this.maxima = new double[summaryColumns];
      this.present = new long[summaryColumns];
      Arrays.fill(maxima, Double.NEGATIVE_INFINITY);
    }

    void add(Object[] values, int[] summaryColumns, long priority, long sequence, int cap) {
      count++;
      for (int i = 0; i < summaryColumns.length; i++) {
        double v = number(values[summaryColumns[i]]);
        if (Double.isFinite(v)) {
          sums[i] += v;
          maxima[i] = Math.max(maxima[i], v);
          present[i]++;
        }
      }
      Kept k = new Kept(priority, sequence, values);
      if (kept.size() < cap) {
        kept.add(k);
      } else if (Kept.ORDER.compare(k, kept.peek()) < 0) {
        kept.poll();
        kept.add(k);
      }
    }

    /** Counts the shared values a related row holds. */
    void share(Object[] values, int[] columns, String[] wanted) {
      for (int i = 0; i < columns.length; i++) {
        Object v = values[columns[i]];
        if (v != null && String.valueOf(v).stripTrailing().equals(wanted[i])) {
          shared[i]++;
        }
      }
    }

    /**
     * For a child, count, emptiness, mean and maximum of each summary column (NaN when absent),
     * the share of each shared value; then the further summaries (nested ones are rolled up
     * later).
     */
    double[] summary(Relation relation) {
      double[] s = new double[relation.summaryWidth()];
      if (further != null) {
        further.finish(count, s);
      }
      if (relation.kind() != Relation.Kind.CHILD) {
        return s;
      }
      s[0] = count;
      s[1] = 0;
      for (int i = 0; i < sums.length; i++) {
        s[2 + 2 * i] = present[i] == 0 ? Double.NaN : sums[i] / present[i];
        s[3 + 2 * i] = present[i] == 0 ? Double.NaN : maxima[i];
      }
      int first = 2 + 2 * sums.length;
      for (int i = 0; i < shared.length; i++) {
        s[first + i] = count == 0 ? Double.NaN : (double) shared[i] / count;
      }
      return s;
    }

    private static double number(Object value) {
      return FurtherSummaries.Numbers.of(value);
    }
  }

  /** Counts of what the reads of one relation found, for coverage and fan-out findings. */
  public static final class ReadStatistics {
    long queries;
    long rowsRead;
    long holdersMatched;
    long maxFanout;

    public long queries() {
      return queries;
    }

    /** Holder rows that had at least one related row. */
    public long holdersMatched() {
      return holdersMatched;
    }

    /** Related rows read that matched a holder key. */
    public long rowsRead() {
      return rowsRead;
    }

    /** The most related rows any one holder key had. */
    public long maxFanout() {
      return maxFanout;
    }
  }
}
