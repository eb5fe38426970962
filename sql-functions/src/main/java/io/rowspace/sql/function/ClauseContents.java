package io.rowspace.sql.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * What one clause of a SELECT holds, without looking into its subqueries: aggregate calls,
 * window functions, {@code ?} parameters. Decides which parts of a SELECT with a model call the
 * backing database can compute ({@link BackingSplit}).
 */
final class ClauseContents {
  /** Aggregates of the backing databases that Calcite's standard operator table lacks. */
  private static final Set<String> DIALECT_AGGREGATES = Set.of("STRING_AGG", "ARRAY_AGG",
      "GROUP_CONCAT", "LISTAGG", "BOOL_AND", "BOOL_OR", "EVERY", "MEDIAN", "BIT_AND", "BIT_OR",
      "BIT_XOR", "STDDEV", "VARIANCE", "PERCENTILE_CONT", "PERCENTILE_DISC", "MODE", "JSON_AGG",
      "JSONB_AGG", "JSON_OBJECT_AGG", "JSON_OBJECTAGG", "JSON_ARRAYAGG", "ANY_VALUE", "XMLAGG");

  private ClauseContents() {
  }

  /** Whether {@code call} is an aggregate function call (not windowed: OVER is its parent). */
  static boolean isAggregate(SqlCall call) {
    if (call.getKind() == SqlKind.FILTER || call.getKind() == SqlKind.WITHIN_GROUP
        || call.getKind() == SqlKind.WITHIN_DISTINCT) {
      return true;
    }
    SqlOperator operator = call.getOperator();
    if (operator.isAggregator()) {
      return true;
    }
    if (!(operator instanceof SqlUnresolvedFunction)) {
      return false;
    }
    String name = operator.getName().toUpperCase(Locale.ROOT);
    if (DIALECT_AGGREGATES.contains(name)) {
      return true;
    }
    return standardOverloads(name).stream().anyMatch(SqlOperator::isAggregator);
  }

  /** Whether {@code node} calls an aggregate outside a window. */
  static boolean aggregateIn(SqlNode node) {
    return find(node, (call, windowed) -> !windowed && isAggregate(call));
  }

  /** Whether an argument of an aggregate in {@code node} calls a model. */
  static boolean aggregateArgumentsCallModels(SqlNode node) {
    return find(node, (call, windowed) -> !windowed && isAggregate(call) && ModelCalls.in(call));
  }

  /** Whether {@code node} holds a window function ({@code OVER}). */
  static boolean windowIn(SqlNode node) {
    return find(node, (call, windowed) -> call.getKind() == SqlKind.OVER);
  }

  /**
   * Whether {@code node} calls a function Calcite's standard operator table does not have (one of
   * the backing dialect's own), subqueries included.
   */
  static boolean dialectFunctionIn(SqlNode node) {
    if (node == null) {
      return false;
    }
    Boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call.getOperator() instanceof SqlUnresolvedFunction function
            && FunctionQueryRewriter.functionName(call) == null
            && standardOverloads(function.getName()).isEmpty()) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  private static List<SqlOperator> standardOverloads(String name) {
    List<SqlOperator> overloads = new ArrayList<>();
    SqlStdOperatorTable.instance().lookupOperatorOverloads(
        new SqlIdentifier(name.toUpperCase(Locale.ROOT), SqlParserPos.ZERO),
        SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION, overloads,
        SqlNameMatchers.withCaseSensitive(false));
    return overloads;
  }

  /** Whether {@code node} holds a {@code ?} parameter, subqueries included. */
  static boolean parameterIn(SqlNode node) {
    if (node == null) {
      return false;
    }
    Boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlDynamicParam param) {
        found[0] = true;
        return null;
      }
    });
    return found[0];
  }

  /** A test of one call; {@code windowed}: the call is the function of an OVER. */
  private interface CallTest {
    boolean test(SqlCall call, boolean windowed);
  }

  private static boolean find(SqlNode node, CallTest test) {
    if (node == null) {
      return false;
    }
    Boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      private boolean windowed;

      @Override public Void visit(SqlCall call) {
        if (found[0] || call.getKind().belongsTo(SqlKind.QUERY)) {
          return null;
        }
        if (test.test(call, windowed)) {
          found[0] = true;
          return null;
        }
        if (call.getKind() == SqlKind.OVER) {
          windowed = true;
          call.operand(0).accept(this);
          windowed = false;
          for (SqlNode operand : call.getOperandList().subList(1, call.operandCount())) {
            if (operand != null) {
              operand.accept(this);
            }
          }
          return null;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }
}
