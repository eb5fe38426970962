package io.rowspace.sql.function;

import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The tables and aliases a query defines in its own FROM clauses (and WITH items), against the
 * qualifiers its column references use: a qualifier it does not define names an enclosing query.
 */
final class QueryNames {
  private QueryNames() {
  }

  /** Whether every qualifier in {@code query} ({@code t.col}) names a table of its own. */
  static boolean definesAllQualifiers(SqlNode query) {
    Set<String> defined = new HashSet<>();
    Set<String> used = new HashSet<>();
    query.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          define(select.getFrom(), defined);
        }
        if (call instanceof SqlWith with) {
          for (SqlNode item : with.withList) {
            defined.add(((SqlWithItem) item).name.getSimple());
          }
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlIdentifier identifier) {
        if (identifier.names.size() > 1) {
          used.add(identifier.names.get(identifier.names.size() - 2));
        }
        return null;
      }
    });
    return defined.containsAll(used);
  }

  private static void define(SqlNode from, Set<String> defined) {
    if (from instanceof SqlIdentifier table) {
      defined.add(table.names.get(table.names.size() - 1));
      defined.addAll(table.names);
    } else if (from instanceof SqlJoin join) {
      define(join.getLeft(), defined);
      define(join.getRight(), defined);
    } else if (from.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) from;
      defined.add(((SqlIdentifier) as.operand(1)).getSimple());
      define(as.operand(0), defined);
    }
  }
}
