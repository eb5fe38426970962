package io.rowspace.sql.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code array_agg(x)} where Calcite computes it beside a model call, written so that it means
 * what it means in both databases: the array of every value, NULLs included, and NULL (not an
 * empty array) when no row is aggregated. Calcite's ARRAY_AGG leaves NULLs out, so for Calcite it
 * is {@code CASE WHEN CARDINALITY(agg) = 0 THEN NULL ELSE agg END} with {@code agg} the
 * concatenation of one-element arrays, {@code ARRAY_CONCAT_AGG(ARRAY[x])}, under the same
 * DISTINCT, ORDER BY, FILTER and OVER. Only the tree Calcite evaluates is rewritten; the
 * database's part keeps its own array_agg.
 */
final class ArrayAggregates {
  /** The aggregate that stands for array_agg; the Calcite connection knows it by this name. */
  static final SqlOperator CONCATENATION = SqlLibraryOperators.ARRAY_CONCAT_AGG;
  /** Calls that wrap an aggregate and are part of it. */
  private static final Set<SqlKind> WRAPPERS = Set.of(SqlKind.FILTER, SqlKind.WITHIN_GROUP,
      SqlKind.WITHIN_DISTINCT, SqlKind.OVER, SqlKind.RESPECT_NULLS);

  private ArrayAggregates() {
  }

  /** {@code node} with each array_agg in it (subqueries included) written to keep NULLs. */
  static SqlNode keepingNulls(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, keepingNulls(list.get(i)));
      }
      return list;
    }
    if (!(node instanceof SqlCall call) || call.getKind() == SqlKind.IGNORE_NULLS) {
      // array_agg(x IGNORE NULLS) is Calcite's own
      return node;
    }
    if (isArrayAggregate(call)) {
      SqlParserPos pos = call.getParserPosition();
      SqlNode empty = SqlStdOperatorTable.EQUALS.createCall(pos,
          SqlStdOperatorTable.CARDINALITY.createCall(pos, concatenation(ParseTreeCopy.of(call))),
          SqlLiteral.createExactNumeric("0", pos));
      return SqlCase.createSwitched(pos, null, SqlNodeList.of(empty),
          SqlNodeList.of(SqlLiteral.createNull(pos)), concatenation(call));
    }
    for (int i = 0; i < call.operandCount(); i++) {
      SqlNode operand = call.operand(i);
      SqlNode replaced = operand == null ? null : keepingNulls(operand);
      if (replaced != operand) {
        call.setOperand(i, replaced);
      }
    }
    return call;
  }

  /** Whether {@code call} is array_agg, or array_agg under FILTER, WITHIN GROUP or OVER. */
  private static boolean isArrayAggregate(SqlCall call) {
    SqlCall aggregate = call;
    while (WRAPPERS.contains(aggregate.getKind()) && aggregate.operand(0) instanceof SqlCall inner) {
      aggregate = inner;
    }
    // array_agg(x [ORDER BY ...]): the value, and the order as a second operand
    return aggregate.getOperator().getName().toUpperCase(Locale.ROOT).equals("ARRAY_AGG")
        && (aggregate.operandCount() == 1
            || aggregate.operandCount() == 2 && aggregate.operand(1) instanceof SqlNodeList);
  }

  /** The array_agg under its wrappers replaced by the concatenation of one-element arrays. */
  private static SqlNode concatenation(SqlNode node) {
    SqlCall call = (SqlCall) node;
    if (WRAPPERS.contains(call.getKind())) {
      call.setOperand(0, concatenation(call.operand(0)));
      return call;
    }
    SqlParserPos pos = call.getParserPosition();
    SqlNode element = call.operand(0);
    List<SqlNode> operands = new ArrayList<>(call.getOperandList());
    operands.set(0, SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(pos, element));
    return CONCATENATION.createCall(call.getFunctionQuantifier(), pos,
        operands.toArray(new SqlNode[0]));
  }
}
