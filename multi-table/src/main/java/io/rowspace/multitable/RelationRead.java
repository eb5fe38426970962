package io.rowspace.multitable;

import io.rowspace.engine.data.RelatedSummary;
import io.rowspace.engine.data.Relation;
import io.rowspace.error.ErrorCode;
import io.rowspace.planner.ColumnInfo;
import io.rowspace.planner.PlannedRelation;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What reading one related table needs: the engine's view of the relation, the table as the
 * backing database describes it, the columns to read and the plan's relation for its SQL.
 *
 * @param relation the relation as the engine learns from it
 * @param planned the planned relation (table, join and read columns)
 * @param nested reads one hop further
 */
public record RelationRead(Relation relation, PlannedRelation planned, List<RelationRead> nested) {

  private static List<PlannedRelation.ValueShare> shares(Relation r) {
    List<PlannedRelation.ValueShare> shares = new ArrayList<>();
    for (int i = 0; i < r.shareColumns().size(); i++) {
      shares.add(new PlannedRelation.ValueShare(r.shareColumns().get(i), r.shareValues().get(i)));
    }
    return shares;
  }

  /** Summaries of nested relations rolled up to one relation's holder, at most. */
  static final int MAX_ROLLED_UP = 48;

  /** The reads of a freshly planned space. */
  public static List<RelationRead> of(List<PlannedRelation> relations) {
    List<RelationRead> reads = new ArrayList<>();
    for (PlannedRelation r : relations) {
      List<RelationRead> nested = of(r.nested());
      Relation.Kind kind =
          r.kind() == PlannedRelation.Kind.CHILD ? Relation.Kind.CHILD : Relation.Kind.PARENT;
      List<Relation> nestedRelations = nested.stream().map(RelationRead::relation).toList();
      Relation relation = new Relation(r.name(), r.table().name(), kind,
          r.holderColumns(), r.tableColumns(), r.summaryColumns(),
          r.shares().stream().map(PlannedRelation.ValueShare::column).toList(),
          r.shares().stream().map(PlannedRelation.ValueShare::value).toList(),
          nestedRelations, summaries(r, kind, nestedRelations));
      reads.add(new RelationRead(relation, r, nested));
    }
    return reads;
  }

  /**
   * The further summaries of a planned relation: its own, then its nested relations' rolled up
   * (all but a nested child's emptiness, at most {@link #MAX_ROLLED_UP}).
   */
  static List<RelatedSummary> summaries(PlannedRelation r, Relation.Kind kind,
      List<Relation> nested) {
    List<RelatedSummary> summaries = new ArrayList<>();
    for (PlannedRelation.Summary s : r.summaries()) {
      summaries.add(new RelatedSummary(kind(s.kind()), s.column(), s.value(), s.reference(), 0,
          0));
    }
    int rolled = 0;
    for (int i = 0; i < nested.size(); i++) {
      Relation n = nested.get(i);
      List<String> names = n.summaryNames();
      int first = n.firstSummaryWidth();
      for (int j = 0; j < names.size() && rolled < MAX_ROLLED_UP; j++) {
        if (n.kind() == Relation.Kind.CHILD && j == 1) {
          continue;
        }
        String name = names.get(j);
        if (kind == Relation.Kind.CHILD && n.kind() == Relation.Kind.PARENT && j >= first) {
          // A parent's value seen through this relation's rows: their share or mean.
          RelatedSummary.Kind k = n.summaries().get(j - first).kind();
          name += k == RelatedSummary.Kind.IS ? ".share"
              : k == RelatedSummary.Kind.NESTED ? "" : ".mean";
        }
        summaries.add(new RelatedSummary(RelatedSummary.Kind.NESTED, "", name, 0, i, j));
        rolled++;
      }
    }
    return summaries;
  }

  private static RelatedSummary.Kind kind(String planned) {
    return switch (planned) {
      case "min" -> RelatedSummary.Kind.MIN;
      case "std" -> RelatedSummary.Kind.STD;
      case "distinct" -> RelatedSummary.Kind.DISTINCT;
      case "days_since_latest" -> RelatedSummary.Kind.SINCE_LATEST;
      case "days_since_earliest" -> RelatedSummary.Kind.SINCE_EARLIEST;
      case "per_day" -> RelatedSummary.Kind.RATE;
      case "value" -> RelatedSummary.Kind.VALUE;
      case "days_since" -> RelatedSummary.Kind.SINCE;
      case "is" -> RelatedSummary.Kind.IS;
      default -> throw new IllegalArgumentException("Unknown summary " + planned + ".");
    };
  }

  /**
   * The reads of a trained space, from its relations and the current tables: the join columns
   * and the columns it learned from, as far as the tables still have them.
   *
   * @param relations the space's relations
   * @param holder the table they hang from (the root table at the top)
   * @param learned per relation, the names of the columns the space learned from
   * @param schema reads the related tables
   * @param schemaName the schema of the root table
   * @throws SQLException when a related table no longer exists (42S02)
   */
  public static List<RelationRead> of(List<Relation> relations, TableInfo holder,
      Function<Relation, Set<String>> learned, SchemaReader schema,
      String schemaName) throws SQLException {
    List<RelationRead> reads = new ArrayList<>();
    for (Relation r : relations) {
      TableInfo table = schema.findTable(schemaName, r.table()).orElseThrow(() ->
          ErrorCode.RELATED_TABLE_GONE.exception(r.table()));
      List<RelationRead> nested = of(r.nested(), table, learned, schema, schemaName);
      Set<String> wanted = new LinkedHashSet<>(r.tableColumns());
      for (Relation n : r.nested()) {
        wanted.addAll(n.holderColumns());
      }
      wanted.addAll(learned.apply(r));
      wanted.addAll(r.summaryColumns());
      wanted.addAll(r.shareColumns());
      for (RelatedSummary s : r.summaries()) {
        if (s.kind() != RelatedSummary.Kind.NESTED) {
          wanted.add(s.column());
        }
      }
      List<ColumnInfo> columns = new ArrayList<>();
      for (ColumnInfo c : table.columns()) {
        if (wanted.contains(c.name())) {
          columns.add(c);
        }
      }
      for (String join : r.tableColumns()) {
        if (table.column(join).isEmpty()) {
          throw ErrorCode.JOIN_COLUMN_GONE.exception(join, r.table());
        }
      }
      PlannedRelation planned = new PlannedRelation(r.name(), table,
          r.kind() == Relation.Kind.CHILD ? PlannedRelation.Kind.CHILD
              : PlannedRelation.Kind.PARENT,
          r.kind() == Relation.Kind.PARENT ? "N:1"
              // a child with a parent of its own is a bridge, as the planner labels it
              : r.nested().stream().anyMatch(n -> n.kind() == Relation.Kind.PARENT) ? "N:M"
              : "1:N", holder, r.holderColumns(),
          r.tableColumns(), null, columns, r.summaryColumns(), shares(r),
          nested.stream().map(RelationRead::planned).toList());
      reads.add(new RelationRead(r, planned, nested));
    }
    return reads;
  }
}
