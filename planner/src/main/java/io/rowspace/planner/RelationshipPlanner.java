package io.rowspace.planner;

import io.rowspace.error.ErrorCode;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tables related to a space's root table and how they relate.
 *
 * <p>Without a list of tables, every table reachable through declared foreign keys within two
 * hops: children that reference the root (1:N), parents the root references (N:1), and for a
 * child its own children and parents (a child with a second foreign key is a bridge, N:M); for a
 * parent its own parents. Children of parents are not followed: they are the root's siblings, not
 * its features. With a list ({@code INCLUDE}), exactly those tables at any depth, each reached by
 * the shortest path through the listed tables, following declared keys and the undeclared ones
 * named with {@code VIA}.
 */
public final class RelationshipPlanner {
  /** Hops followed from the root when the user lists no tables. */
  public static final int DEFAULT_HOPS = 2;
  /** Categorical columns of a child with at most this many values have their shares summarised. */
  static final int MAX_SHARED_VALUES = 12;
  /** Values of one column whose shares are summarised. */
  static final int SHARES_PER_COLUMN = 6;

  /** A table the user listed, with the join column it named (or null). */
  public record Include(String table, String via) {}

  private final SchemaReader schema;
  private final String schemaName;
  private final Map<String, TableInfo> tables = new HashMap<>();
  private final Map<String, List<ForeignKey>> keys = new HashMap<>();

  /**
   * @param schema reads tables and keys
   * @param schemaName the schema of the root table (related tables are looked up there)
   */
  public RelationshipPlanner(SchemaReader schema, String schemaName) {
    this.schema = schema;
    this.schemaName = schemaName;
  }

  /**
   * Plans the related tables of a root.
   *
   * @param root the root table
   * @param includes the tables the user listed; empty to follow declared keys
   * @param excluded columns excluded by the user, as {@code TABLE.COLUMN}
   * @throws PlanningException when a listed table does not exist or cannot be reached
   */
  public List<PlannedRelation> plan(TableInfo root, List<Include> includes, Set<String> excluded)
      throws SQLException {
    tables.put(root.name(), root);
    return includes.isEmpty() ? discover(root, excluded) : listed(root, includes, excluded);
  }

  private List<PlannedRelation> discover(TableInfo root, Set<String> excluded)
      throws SQLException {
    List<PlannedRelation> relations = new ArrayList<>();
    Set<String> path = new LinkedHashSet<>(List.of(root.name()));
    for (ForeignKey fk : foreignKeys(root.name())) {
      if (fk.table().equals(fk.referencedTable())) {
        continue;
      }
      if (fk.referencedTable().equals(root.name())) {
        relations.add(child(root, fk, path, DEFAULT_HOPS - 1, excluded, relations));
      } else if (fk.table().equals(root.name())) {
        relations.add(parent(root, fk, path, DEFAULT_HOPS - 1, excluded, relations));
      }
    }
    return relations;
  }

  private PlannedRelation child(TableInfo holder, ForeignKey fk, Set<String> path, int hopsLeft,
      Set<String> excluded, List<PlannedRelation> siblings) throws SQLException {
    TableInfo table = table(fk.table());
    Set<String> deeper = new LinkedHashSet<>(path);
    deeper.add(table.name());
    List<PlannedRelation> nested = new ArrayList<>();
    boolean bridge = false;
    for (ForeignKey other : foreignKeys(table.name())) {
      if (other.equals(fk) || other.table().equals(other.referencedTable())) {
        continue;
      }
      if (other.table().equals(table.name()) && !deeper.contains(other.referencedTable())) {
        // A second parent of a child: a bridge to that table (N:M), same hop.
        bridge = true;
        nested.add(parent(table, other, deeper, Math.max(0, hopsLeft - 1), excluded, nested));
      } else if (hopsLeft > 0 && other.referencedTable().equals(table.name())
          && !deeper.contains(other.table())) {
        nested.add(child(table, other, deeper, hopsLeft - 1, excluded, nested));
      }
    }
    return relation(table, PlannedRelation.Kind.CHILD, bridge ? "N:M" : "1:N", holder,
        fk.referencedColumns(), fk.columns(), fk, excluded, nested, siblings);
  }

  private PlannedRelation parent(TableInfo holder, ForeignKey fk, Set<String> path, int hopsLeft,
      Set<String> excluded, List<PlannedRelation> siblings) throws SQLException {
    TableInfo table = table(fk.referencedTable());
    Set<String> deeper = new LinkedHashSet<>(path);
    deeper.add(table.name());
    List<PlannedRelation> nested = new ArrayList<>();
    if (hopsLeft > 0) {
      for (ForeignKey other : foreignKeys(table.name())) {
        if (other.table().equals(table.name()) && !deeper.contains(other.referencedTable())) {
          nested.add(parent(table, other, deeper, hopsLeft - 1, excluded, nested));
        }
      }
    }
    return relation(table, PlannedRelation.Kind.PARENT, "N:1", holder, fk.columns(),
        fk.referencedColumns(), fk, excluded, nested, siblings);
  }

  private List<PlannedRelation> listed(TableInfo root, List<Include> includes,
      Set<String> excluded) throws SQLException {
    Map<String, Include> wanted = new LinkedHashMap<>();
    for (Include include : includes) {
      TableInfo table = table(include.table());
      if (table.name().equals(root.name())) {
        throw new PlanningException(ErrorCode.INCLUDE_ROOT, include.table());
      }
      wanted.put(table.name(), include);
    }
    List<ForeignKey> edges = new ArrayList<>();
    Set<String> all = new LinkedHashSet<>(wanted.keySet());
    all.add(root.name());
    for (String name : all) {
      for (ForeignKey fk : foreignKeys(name)) {
        if (all.contains(fk.table()) && all.contains(fk.referencedTable())
            && !fk.table().equals(fk.referencedTable()) && !edges.contains(fk)) {
          edges.add(fk);
        }
      }
    }
    for (Include include : wanted.values()) {
      if (include.via() != null) {
        edges.add(0, viaKey(root, table(include.table()), include.via(), wanted.keySet()));
      }
    }
    // Shortest paths from the root through listed tables: each table hangs from the first
    // table that reaches it.
    Map<String, ForeignKey> reachedBy = new LinkedHashMap<>();
    Map<String, String> holderOf = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(root.name()));
    Set<String> seen = new LinkedHashSet<>(List.of(root.name()));
    while (!queue.isEmpty()) {
      String at = queue.removeFirst();
      for (ForeignKey fk : edges) {
        String other = fk.table().equals(at) ? fk.referencedTable()
            : fk.referencedTable().equals(at) ? fk.table() : null;
        if (other != null && !seen.contains(other)) {
          seen.add(other);
          reachedBy.put(other, fk);
          holderOf.put(other, at);
          queue.addLast(other);
        }
      }
    }
    for (String name : wanted.keySet()) {
      if (!seen.contains(name)) {
        throw new PlanningException(ErrorCode.INCLUDE_UNLINKED, name, root.name());
      }
    }
    return attach(root, reachedBy, holderOf, excluded);
  }

  private List<PlannedRelation> attach(TableInfo holder, Map<String, ForeignKey> reachedBy,
      Map<String, String> holderOf, Set<String> excluded) throws SQLException {
    List<PlannedRelation> relations = new ArrayList<>();
    for (Map.Entry<String, ForeignKey> e : reachedBy.entrySet()) {
      if (!holderOf.get(e.getKey()).equals(holder.name())) {
        continue;
      }
      TableInfo table = table(e.getKey());
      ForeignKey fk = e.getValue();
      List<PlannedRelation> nested = attach(table, reachedBy, holderOf, excluded);
      if (fk.table().equals(table.name())) {
        boolean bridge = nested.stream().anyMatch(n -> n.kind() == PlannedRelation.Kind.PARENT);
        relations.add(relation(table, PlannedRelation.Kind.CHILD, bridge ? "N:M" : "1:N", holder,
            fk.referencedColumns(), fk.columns(), fk, excluded, nested, relations));
      } else {
        relations.add(relation(table, PlannedRelation.Kind.PARENT, "N:1", holder, fk.columns(),
            fk.referencedColumns(), fk, excluded, nested, relations));
      }
    }
    return relations;
  }

  /**
   * The undeclared key {@code INCLUDE (table VIA column)} names: when the table has the column,
   * it holds the key of the root (or of the listed table whose single key column has that name);
   * otherwise the root (or a listed table) has the column, holding the table's key.
   */
  private ForeignKey viaKey(TableInfo root, TableInfo table, String via, Set<String> listed)
      throws SQLException {
    if (table.column(via).isPresent()) {
      TableInfo referenced = root;
      for (String name : listed) {
        TableInfo other = table(name);
        if (!other.name().equals(table.name()) && other.keyColumns().equals(List.of(via))
            && !root.keyColumns().equals(List.of(via))) {
          referenced = other;
        }
      }
      requireSingleKey(referenced, table, via);
      return new ForeignKey("VIA " + via, table.name(), List.of(via), referenced.name(),
          referenced.keyColumns(), false);
    }
    List<TableInfo> holders = new ArrayList<>(List.of(root));
    for (String name : listed) {
      holders.add(table(name));
    }
    for (TableInfo holder : holders) {
      if (holder.column(via).isPresent() && !holder.name().equals(table.name())) {
        requireSingleKey(table, holder, via);
        return new ForeignKey("VIA " + via, holder.name(), List.of(via), table.name(),
            table.keyColumns(), false);
      }
    }
    throw new PlanningException(ErrorCode.VIA_COLUMN_MISSING, table.name(), via, root.name(),
        String.join(", ", table.columnNames()));
  }

  private static void requireSingleKey(TableInfo referenced, TableInfo referencing, String via) {
    if (referenced.keyColumns().size() != 1) {
      throw new PlanningException(ErrorCode.VIA_KEY_NOT_SINGLE, via, referencing.name(),
          referenced.name(), referenced.keyColumns().isEmpty() ? "no key"
              : "a key of " + referenced.keyColumns().size() + " columns");
    }
  }

  private PlannedRelation relation(TableInfo table, PlannedRelation.Kind kind, String label,
      TableInfo holder, List<String> holderColumns, List<String> tableColumns, ForeignKey fk,
      Set<String> excluded, List<PlannedRelation> nested, List<PlannedRelation> siblings)
      throws SQLException {
    String name = table.name();
    for (PlannedRelation s : siblings) {
      if (s.table().name().equals(table.name())) {
        name = table.name() + " VIA " + String.join(", ",
            kind == PlannedRelation.Kind.CHILD ? tableColumns : holderColumns);
      }
    }
    Set<String> joinColumns = new LinkedHashSet<>(tableColumns);
    for (PlannedRelation n : nested) {
      joinColumns.addAll(n.holderColumns());
    }
    List<ColumnInfo> read = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    List<PlannedRelation.ValueShare> shares = new ArrayList<>();
    List<PlannedRelation.Summary> further = new ArrayList<>();
    boolean child = kind == PlannedRelation.Kind.CHILD;
    Set<String> foreignKeyColumns = new LinkedHashSet<>();
    for (ForeignKey k : keys.getOrDefault(table.name(), List.of())) {
      if (k.table().equals(table.name())) {
        foreignKeyColumns.addAll(k.columns());
      }
    }
    for (ColumnInfo c : table.columns()) {
      boolean join = joinColumns.contains(c.name());
      if (!join && excluded.contains(table.name() + "." + c.name())) {
        continue;
      }
      read.add(c);
      boolean learned = !join && !table.keyColumns().contains(c.name())
          && !foreignKeyColumns.contains(c.name());
      TypeFamily family = TypeFamily.of(c.jdbcType());
      if (learned && family.isNumeric()) {
        summary.add(c.name());
        if (child) {
          further.add(new PlannedRelation.Summary("min", c.name(), "", 0));
          further.add(new PlannedRelation.Summary("std", c.name(), "", 0));
        } else {
          further.add(new PlannedRelation.Summary("value", c.name(), "", 0));
        }
      } else if (learned && family.isCategory()) {
        // A few frequent values: the share of each among a holder's rows is a summary
        // (all values but the last when there are few, so shares are not redundant); a
        // parent's row holds the value or not.
        // A parent's category seen through a bridge is a share of each value: with more than
        // two values, a parent keeps them all (up to the bound), so no value is left implicit.
        List<String> values = schema.frequentValues(table, c.name(), MAX_SHARED_VALUES);
        int kept = Math.min(SHARES_PER_COLUMN,
            child || values.size() <= 2 ? values.size() - 1 : values.size());
        for (int i = 0; i < kept; i++) {
          if (child) {
            shares.add(new PlannedRelation.ValueShare(c.name(), values.get(i)));
          } else {
            further.add(new PlannedRelation.Summary("is", c.name(), values.get(i), 0));
          }
        }
        // Distinct values per holder row, for text with more than two values.
        if (child && family == TypeFamily.TEXT && (values.isEmpty() || values.size() > 2)) {
          further.add(new PlannedRelation.Summary("distinct", c.name(), "", 0));
        }
      } else if (learned && (family == TypeFamily.DATE || family == TypeFamily.TIMESTAMP)) {
        // Times since are measured from the latest time the table holds at CREATE, stored with
        // the space: rows scored later are measured from the same reference.
        long reference = schema.latest(table, c.name());
        if (reference != TimeValues.NONE) {
          for (String k : child ? List.of("days_since_latest", "days_since_earliest", "per_day")
              : List.of("days_since")) {
            further.add(new PlannedRelation.Summary(k, c.name(), "", reference));
          }
        }
      }
    }
    return new PlannedRelation(name, table, kind, label, holder, holderColumns, tableColumns, fk,
        read, summary, shares, nested, further);
  }

  private TableInfo table(String name) throws SQLException {
    TableInfo known = tables.get(name);
    if (known != null) {
      return known;
    }
    Optional<TableInfo> found = schema.findTable(schemaName, name);
    if (found.isEmpty()) {
      throw new PlanningException(ErrorCode.RELATED_TABLE_MISSING, name,
          String.join(", ", schema.tableNames()));
    }
    tables.put(name, found.get());
    return found.get();
  }

  private List<ForeignKey> foreignKeys(String table) throws SQLException {
    List<ForeignKey> known = keys.get(table);
    if (known == null) {
      known = schema.foreignKeys(schemaName, table);
      keys.put(table, known);
    }
    return known;
  }
}
