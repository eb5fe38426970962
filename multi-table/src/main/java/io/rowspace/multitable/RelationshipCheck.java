package io.rowspace.multitable;

import io.rowspace.error.ErrorCode;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.PlannedRelation;
import io.rowspace.planner.PlanningException;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TypeFamily;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlDialect;

/**
 * Validates the joins of a plan before anything is trained: key types must be compatible (an
 * error otherwise); coverage, fan-out and orphans are measured with aggregate queries that each
 * return one row, and what looks wrong becomes a finding.
 */
public final class RelationshipCheck {
  /** Coverage under which a relationship gets a warning. */
  public static final double MIN_COVERAGE = 0.95;

  private final Connection connection;
  private final SqlDialect dialect;

  public RelationshipCheck(Connection connection, SqlDialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  /**
   * What one relationship looks like in the data.
   *
   * @param relation the planned relation
   * @param childRows rows of the child (referencing) table
   * @param parentRows rows of the parent (referenced) table
   * @param coverage share of child rows whose key matches a parent row (rows with a null key
   *     count as not matching)
   * @param orphans child rows with a non-null key that matches no parent row
   * @param meanFanout child rows per referenced parent row
   * @param maxFanout the most child rows of any one parent row
   * @param findings warnings about the relationship, empty when it looks sound
   */
  public record Finding(PlannedRelation relation, long childRows, long parentRows,
      double coverage, long orphans, double meanFanout, long maxFanout, List<String> findings) {}

  /** Checks every relation of a plan, depth first. */
  public List<Finding> check(List<PlannedRelation> relations) throws SQLException {
    List<Finding> findings = new ArrayList<>();
    for (PlannedRelation top : relations) {
      for (PlannedRelation r : top.flatten()) {
        findings.add(check(r));
      }
    }
    return findings;
  }

  private Finding check(PlannedRelation r) throws SQLException {
    boolean child = r.kind() == PlannedRelation.Kind.CHILD;
    TableInfo childTable = child ? r.table() : r.holder();
    TableInfo parentTable = child ? r.holder() : r.table();
    List<String> foreign = child ? r.tableColumns() : r.holderColumns();
    List<String> referenced = child ? r.holderColumns() : r.tableColumns();
    for (int i = 0; i < foreign.size(); i++) {
      ColumnInfo f = childTable.column(foreign.get(i)).orElseThrow();
      ColumnInfo k = parentTable.column(referenced.get(i)).orElseThrow();
      if (!TypeFamily.joinable(f.jdbcType(), k.jdbcType())) {
        throw new PlanningException(ErrorCode.JOIN_KEY_TYPES, childTable.name(), f.name(),
            f.typeName(), parentTable.name(), k.name(), k.typeName(), r.table().name());
      }
    }
    long childRows = single("SELECT COUNT(*) FROM " + table(childTable));
    long parentRows = single("SELECT COUNT(*) FROM " + table(parentTable));
    StringBuilder notNull = new StringBuilder();
    StringBuilder matches = new StringBuilder();
    for (int i = 0; i < foreign.size(); i++) {
      if (i > 0) {
        notNull.append(" AND ");
        matches.append(" AND ");
      }
      notNull.append("c.").append(quote(foreign.get(i))).append(" IS NOT NULL");
      matches.append("p.").append(quote(referenced.get(i))).append(" = c.")
          .append(quote(foreign.get(i)));
    }
    long withKey = single("SELECT COUNT(*) FROM " + table(childTable) + " c WHERE " + notNull);
    long orphans = single("SELECT COUNT(*) FROM " + table(childTable) + " c WHERE " + notNull
        + " AND NOT EXISTS (SELECT 1 FROM " + table(parentTable) + " p WHERE " + matches + ")");
    String keys = String.join(", ", foreign.stream().map(this::quote).toList());
    long[] fanout = fanout("SELECT COUNT(*), MAX(n) FROM (SELECT " + keys + ", COUNT(*) AS n FROM "
        + table(childTable) + " c WHERE " + notNull + " GROUP BY " + keys + ") g");
    long matched = withKey - orphans;
    double coverage = childRows == 0 ? 1.0 : (double) matched / childRows;
    double mean = fanout[0] == 0 ? 0 : (double) withKey / fanout[0];
    List<String> findings = new ArrayList<>();
    String join = childTable.name() + "(" + String.join(", ", foreign) + ") -> "
        + parentTable.name();
    if (coverage < MIN_COVERAGE && childRows > 0) {
      findings.add(String.format(Locale.ROOT, "%s: only %.1f%% of %s rows match a %s row "
          + "(%d without a key, %d orphans)", join, 100 * coverage, childTable.name(),
          parentTable.name(), childRows - withKey, orphans));
    } else if (orphans > 0) {
      findings.add(String.format(Locale.ROOT, "%s: %d %s rows reference no %s row", join,
          orphans, childTable.name(), parentTable.name()));
    }
    if (child && childRows > 0 && fanout[1] <= 1) {
      findings.add(join + ": declared one-to-many, but every " + parentTable.name()
          + " row has at most one " + childTable.name() + " row (one-to-one)");
    }
    if (childRows == 0) {
      findings.add(join + ": " + childTable.name() + " is empty");
    }
    return new Finding(r, childRows, parentRows, coverage, orphans, mean, fanout[1], findings);
  }

  private long single(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long[] fanout(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private String table(TableInfo t) {
    return (t.schema() == null ? "" : quote(t.schema()) + ".") + quote(t.name());
  }

  private String quote(String identifier) {
    return dialect.quoteIdentifier(identifier);
  }
}
