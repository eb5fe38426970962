package io.rowspace.sql.function;

import io.rowspace.sql.parser.SqlDistinctOn;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/** Finds calls of Rowspace's model functions anywhere in a parse tree, subqueries included. */
public final class ModelCalls {
  private ModelCalls() {
  }

  /** Whether {@code node} (null for none) holds a call of a Rowspace function. */
  public static boolean in(SqlNode node) {
    if (node == null) {
      return false;
    }
    Boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (found[0]) {
          return null;
        }
        if (FunctionQueryRewriter.functionName(call) != null) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlLiteral literal) {
        // DISTINCT ON's keys stand among the SELECT's keywords
        return literal instanceof SqlDistinctOn distinctOn ? distinctOn.keys().accept(this) : null;
      }
    });
    return found[0];
  }

  /**
   * The calls of Rowspace functions in {@code node} (null for none) that no other such call
   * holds, in the order they are written.
   */
  public static java.util.List<SqlCall> outermost(SqlNode node) {
    java.util.List<SqlCall> calls = new java.util.ArrayList<>();
    if (node != null) {
      node.accept(new SqlBasicVisitor<Void>() {
        @Override public Void visit(SqlCall call) {
          if (FunctionQueryRewriter.functionName(call) != null) {
            calls.add(call);
            return null;
          }
          return super.visit(call);
        }
      });
    }
    return calls;
  }

  /**
   * Whether a query nested in an expression of {@code select} calls a model and names a table or
   * alias it does not define itself: a subquery correlated with {@code select}, which must stay
   * beside its FROM rather than over the backing query's rows.
   */
  static boolean inCorrelatedQuery(SqlSelect select) {
    for (SqlNode clause : new SqlNode[] {select.getSelectList(), select.getWhere(),
        select.getGroup(), select.getHaving(), select.getOrderList()}) {
      if (clause == null) {
        continue;
      }
      Boolean[] found = {false};
      clause.accept(new SqlBasicVisitor<Void>() {
        @Override public Void visit(SqlCall call) {
          if (found[0]) {
            return null;
          }
          if (call.getKind().belongsTo(SqlKind.QUERY)) {
            found[0] = in(call) && !QueryNames.definesAllQualifiers(call);
            return null;
          }
          return super.visit(call);
        }
      });
      if (found[0]) {
        return true;
      }
    }
    return false;
  }
}
