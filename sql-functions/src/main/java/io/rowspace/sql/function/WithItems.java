package io.rowspace.sql.function;

import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/** The common tables of a WITH clause, and whether a query still names one of them. */
final class WithItems {
  private WithItems() {
  }

  /** Whether {@code query} names one of {@code items} (a FROM of it, a qualifier). */
  static boolean namedIn(SqlNodeList items, SqlNode query) {
    Set<String> names = new HashSet<>();
    for (SqlNode item : items) {
      names.add(((SqlWithItem) item).name.getSimple());
    }
    Boolean[] found = {false};
    query.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlIdentifier identifier) {
        if (names.contains(identifier.names.get(0))) {
          found[0] = true;
        }
        return null;
      }
    });
    return found[0];
  }
}
