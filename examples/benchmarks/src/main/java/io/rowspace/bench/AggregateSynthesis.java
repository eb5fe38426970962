package io.rowspace.bench;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a data scientist writes by hand, automated: deep feature synthesis over declared foreign
 * keys, two hops of children from the root, each child's parents seen through it, written as SQL
 * {@code GROUP BY}s on the root key (joins are fine here: this is the baseline). Per table
 * reached: the count; mean, minimum, maximum and standard deviation of numbers; the share of each
 * frequent category (at most six per column) and the distinct count; for dates the days since the
 * latest and earliest row to the table's latest date, and rows per day; through a child's parent
 * the mean of its numbers and the share of its categories. The root's own columns (but its key
 * and the targets) come first.
 */
final class AggregateSynthesis {
  private static final int MAX_VALUES = 12;
  private static final int SHARES = 6;

  private final Connection connection;
  private final String root;
  private final String key;
  private final Set<String> targets;
  private final List<String> names = new ArrayList<>();
  private final List<String> queries = new ArrayList<>();
  private final Map<Long, List<Double>> rows = new LinkedHashMap<>();

  /** A foreign key {@code table.column -> referenced.referencedColumn}. */
  private record Key(String table, String column, String referenced, String referencedColumn) {}

  /** A column of a table with its JDBC type. */
  private record Column(String name, int type) {}

  /**
   * @param root the root table (upper case, as H2 names it)
   * @param key its single key column
   * @param targets root columns left out (the labels)
   */
  AggregateSynthesis(Connection connection, String root, String key, Set<String> targets) {
    this.connection = connection;
    this.root = root;
    this.key = key;
    this.targets = targets;
  }

  /** Writes and runs the queries; then {@link #features} and {@link #names} hold the result. */
  AggregateSynthesis run() throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + key + " FROM " + root + " ORDER BY 1")) {
      while (rs.next()) {
        rows.put(rs.getLong(1), new ArrayList<>());
      }
    }
    // The root's own columns.
    List<String> own = new ArrayList<>();
    List<String> ownLabels = new ArrayList<>();
    for (Column c : columns(root, Set.of(key))) {
      if (!targets.contains(c.name)) {
        own.addAll(values(root, "r", c, false));
        ownLabels.addAll(valueLabels(root, c));
      }
    }
    if (!own.isEmpty()) {
      add("SELECT r." + key + ", " + String.join(", ", own) + " FROM " + root + " r", ownLabels,
          root + ".");
    }
    for (Key child : children(root)) {
      String from = " FROM " + child.table + " t0";
      String group = "t0." + child.column;
      aggregate(child.table, "t0", from, group, child.table, Set.of(child.column), root);
      for (Key grandchild : children(child.table)) {
        String from2 = from + " JOIN " + grandchild.table + " t1 ON t1." + grandchild.column
            + " = t0." + grandchild.referencedColumn;
        aggregate(grandchild.table, "t1", from2, group, child.table + "→" + grandchild.table,
            Set.of(grandchild.column), child.table);
      }
    }
    return this;
  }

  /** Feature names, in the order of the values. */
  List<String> names() {
    return names;
  }

  /** The SQL each group of features came from. */
  List<String> queries() {
    return queries;
  }

  /** Per root key, its features (NaN where a root row has no related rows). */
  double[] features(long rootKey) {
    List<Double> values = rows.get(rootKey);
    double[] out = new double[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values == null || i >= values.size() ? Double.NaN : values.get(i);
    }
    return out;
  }

  /** Aggregates of a table reached from the root, and of its parents seen through it. */
  private void aggregate(String table, String alias, String from, String group, String path,
      Set<String> joins, String holder) throws SQLException {
    List<Key> parents = new ArrayList<>(parents(table));
    parents.removeIf(p -> p.referenced.equals(holder));
    Set<String> skip = new java.util.HashSet<>(joins);
    for (Key p : parents) {
      skip.add(p.column);
    }
    skip.addAll(keyColumns(table));
    List<String> select = new ArrayList<>();
    select.add("COUNT(*)");
    List<String> labels = new ArrayList<>(List.of("count"));
    for (Column c : columns(table, skip)) {
      for (String v : aggregates(table, alias, c, labels)) {
        select.add(v);
      }
    }
    add("SELECT " + group + ", " + String.join(", ", select) + from + " GROUP BY " + group,
        labels, path + ".");
    for (Key parent : parents) {
      Set<String> parentSkip = new java.util.HashSet<>(keyColumns(parent.referenced));
      for (Key pp : parents(parent.referenced)) {
        parentSkip.add(pp.column);
      }
      List<String> parentSelect = new ArrayList<>();
      List<String> parentLabels = new ArrayList<>();
      for (Column c : columns(parent.referenced, parentSkip)) {
        for (String v : values(parent.referenced, "p", c, true)) {
          parentSelect.add("AVG(" + v + ")");
        }
        parentLabels.addAll(valueLabels(parent.referenced, c));
      }
      if (!parentSelect.isEmpty()) {
        add("SELECT " + group + ", " + String.join(", ", parentSelect) + from + " JOIN "
            + parent.referenced + " p ON p." + parent.referencedColumn + " = " + alias + "."
            + parent.column + " GROUP BY " + group, parentLabels,
            path + "→" + parent.referenced + ".");
      }
    }
  }

  /** Aggregates of one column of a related table, appending their labels. */
  private List<String> aggregates(String table, String alias, Column c, List<String> labels)
      throws SQLException {
    String col = alias + "." + c.name;
    List<String> out = new ArrayList<>();
    if (numeric(c.type)) {
      out.addAll(List.of("AVG(CAST(" + col + " AS DOUBLE PRECISION))", "MIN(" + col + ")",
          "MAX(" + col + ")", "STDDEV_POP(" + col + ")"));
      for (String a : List.of("mean", "min", "max", "std")) {
        labels.add(c.name + "." + a);
      }
    } else if (c.type == Types.DATE || c.type == Types.TIMESTAMP) {
      String reference = latest(table, c.name);
      if (reference != null) {
        out.add("DATEDIFF(DAY, MAX(" + col + "), " + reference + ")");
        out.add("DATEDIFF(DAY, MIN(" + col + "), " + reference + ")");
        out.add("COUNT(*) / CAST(GREATEST(1, DATEDIFF(DAY, MIN(" + col + "), " + reference
            + ")) AS DOUBLE PRECISION)");
        labels.addAll(List.of(c.name + ".days_since_latest", c.name + ".days_since_earliest",
            c.name + ".per_day"));
      }
    } else {
      List<String> values = frequent(table, c.name);
      for (int i = 0; i < Math.min(SHARES, values.size()); i++) {
        out.add("AVG(CASE WHEN " + col + " = '" + values.get(i).replace("'", "''")
            + "' THEN 1.0 ELSE 0 END)");
        labels.add(c.name + "=" + values.get(i) + ".share");
      }
      out.add("COUNT(DISTINCT " + col + ")");
      labels.add(c.name + ".distinct");
    }
    return out;
  }

  /** A row's own value of a column as numbers: the value, or 1/0 per frequent category. */
  private List<String> values(String table, String alias, Column c, boolean forMean)
      throws SQLException {
    String col = alias + "." + c.name;
    if (numeric(c.type)) {
      return List.of(forMean ? "CAST(" + col + " AS DOUBLE PRECISION)" : col);
    }
    if (c.type == Types.DATE || c.type == Types.TIMESTAMP) {
      return List.of("DATEDIFF(DAY, DATE '1970-01-01', " + col + ")");
    }
    List<String> out = new ArrayList<>();
    List<String> values = frequent(table, c.name);
    for (int i = 0; i < Math.min(SHARES, values.size()); i++) {
      out.add("CASE WHEN " + col + " = '" + values.get(i).replace("'", "''")
          + "' THEN 1.0 ELSE 0 END");
    }
    return out;
  }

  private List<String> valueLabels(String table, Column c) throws SQLException {
    if (numeric(c.type)) {
      return List.of(c.name + ".mean");
    }
    if (c.type == Types.DATE || c.type == Types.TIMESTAMP) {
      return List.of(c.name + ".days");
    }
    List<String> out = new ArrayList<>();
    List<String> values = frequent(table, c.name);
    for (int i = 0; i < Math.min(SHARES, values.size()); i++) {
      out.add(c.name + "=" + values.get(i) + ".share");
    }
    return out;
  }

  private void add(String sql, List<String> labels, String prefix) throws SQLException {
    queries.add(sql);
    int first = names.size();
    for (String l : labels) {
      names.add(prefix + l);
    }
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<Double> values = rows.get(rs.getLong(1));
        if (values == null) {
          continue;
        }
        while (values.size() < first) {
          values.add(Double.NaN);
        }
        for (int i = 0; i < labels.size(); i++) {
          Object v = rs.getObject(i + 2);
          values.add(v == null ? Double.NaN : ((Number) v).doubleValue());
        }
      }
    }
  }

  private static boolean numeric(int type) {
    return switch (type) {
      case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.DECIMAL,
          Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL -> true;
      default -> false;
    };
  }

  private String latest(String table, String column) throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT MAX(" + column + ") FROM " + table)) {
      if (rs.next() && rs.getObject(1) != null) {
        return "DATE '" + rs.getDate(1).toLocalDate() + "'";
      }
    }
    return null;
  }

  /** The values of a column when it has at most {@link #MAX_VALUES}, most frequent first. */
  private List<String> frequent(String table, String column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + column + ", COUNT(*) FROM " + table
             + " WHERE " + column + " IS NOT NULL GROUP BY " + column
             + " ORDER BY COUNT(*) DESC, " + column)) {
      while (rs.next()) {
        if (values.size() == MAX_VALUES) {
          return List.of();
        }
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private List<Column> columns(String table, Set<String> skip) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getColumns(null, null, table, null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        if (!skip.contains(name)) {
          columns.add(new Column(name, rs.getInt("DATA_TYPE")));
        }
      }
    }
    return columns;
  }

  private List<String> keyColumns(String table) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, null, table)) {
      while (rs.next()) {
        keys.add(rs.getString("COLUMN_NAME"));
      }
    }
    return keys;
  }

  private List<Key> children(String table) throws SQLException {
    List<Key> keys = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getExportedKeys(null, null, table)) {
      while (rs.next()) {
        if (!rs.getString("FKTABLE_NAME").equals(table)) {
          keys.add(new Key(rs.getString("FKTABLE_NAME"), rs.getString("FKCOLUMN_NAME"), table,
              rs.getString("PKCOLUMN_NAME")));
        }
      }
    }
    keys.sort((a, b) -> (a.table + a.column).compareTo(b.table + b.column));
    return keys;
  }

  private List<Key> parents(String table) throws SQLException {
    List<Key> keys = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getImportedKeys(null, null, table)) {
      while (rs.next()) {
        if (!rs.getString("PKTABLE_NAME").equals(table)
            && !rs.getString("PKTABLE_NAME").equals(root)) {
          keys.add(new Key(table, rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"),
              rs.getString("PKCOLUMN_NAME")));
        }
      }
    }
    keys.sort((a, b) -> a.column.compareTo(b.column));
    return keys;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d synthesised features from %d queries", names.size(),
        queries.size());
  }
}
