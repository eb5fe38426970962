package io.rowspace.sql.function;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * A string aggregate with DISTINCT and an order, {@code LISTAGG(DISTINCT x, ',') WITHIN GROUP
 * (ORDER BY x)} on H2 or {@code string_agg(DISTINCT x, ',' ORDER BY x)} on PostgreSQL, that
 * Calcite computes because the grouping is Calcite's (a model call is the input of another
 * aggregate). Calcite's plan of a distinct aggregate loses the order, so the distinct part goes
 * to the database: the backing query gives {@code x} only on the first row of each value of
 * {@code x} in its group ({@code CASE WHEN ROW_NUMBER() OVER (PARTITION BY keys, x) = 1 THEN x
 * END}), and Calcite aggregates those values, which skips the NULLs of the other rows, in order,
 * without DISTINCT. Both databases require a distinct aggregate's ORDER BY to be its argument.
 */
final class DistinctOrderedAggregate {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final Set<String> STRING_AGGREGATES = Set.of("LISTAGG", "STRING_AGG",
      "GROUP_CONCAT");

  /** Where the backing query's columns come from: a model-free value becomes one. */
  interface Columns {
    SqlIdentifier column(SqlNode value) throws SQLException;
  }

  private DistinctOrderedAggregate() {
  }

  /**
   * {@code call} rewritten as above, or null if it is not such an aggregate, or a group key is
   * not plain ({@code keys} null: GROUPING SETS, a model call in a key).
   */
  static SqlNode rewrite(SqlCall call, List<SqlNode> keys, Columns columns)
      throws SQLException {
    // H2: LISTAGG(DISTINCT x, s) WITHIN GROUP (ORDER BY x); PostgreSQL: string_agg(DISTINCT x,
    // s ORDER BY x), the order list the call's last operand
    boolean within = call.getKind() == SqlKind.WITHIN_GROUP;
    SqlCall aggregate = within && call.operand(0) instanceof SqlCall inner ? inner : call;
    List<SqlNode> operands = new ArrayList<>(aggregate.getOperandList());
    SqlNode orderNode = within ? call.operand(1)
        : operands.isEmpty() ? null : operands.remove(operands.size() - 1);
    if (keys == null || !(orderNode instanceof SqlNodeList order) || order.isEmpty()
        || aggregate.getFunctionQuantifier() == null
        || !"DISTINCT".equals(aggregate.getFunctionQuantifier().toValue())
        || !STRING_AGGREGATES.contains(aggregate.getOperator().getName().toUpperCase(Locale.ROOT))
        || operands.isEmpty() || ModelCalls.in(operands.get(0))) {
      return null;
    }
    SqlNode value = operands.get(0);
    for (SqlNode key : order) {
      if (!orderValue(key).equalsDeep(value, Litmus.IGNORE)) {
        return null;
      }
    }
    for (int i = 1; i < operands.size(); i++) {
      if (!(operands.get(i) instanceof SqlLiteral)) {
        return null;
      }
    }
    SqlNodeList partition = new SqlNodeList(POS);
    keys.forEach(key -> partition.add(ParseTreeCopy.of(key)));
    partition.add(ParseTreeCopy.of(value));
    SqlNode rowNumber = SqlStdOperatorTable.OVER.createCall(POS,
        SqlStdOperatorTable.ROW_NUMBER.createCall(POS),
        SqlWindow.create(null, null, partition, SqlNodeList.EMPTY,
            SqlLiteral.createBoolean(false, POS), null, null, null, POS));
    SqlNode first = new SqlCase(POS, null,
        SqlNodeList.of(SqlStdOperatorTable.EQUALS.createCall(POS, rowNumber,
            SqlLiteral.createExactNumeric("1", POS))),
        SqlNodeList.of(ParseTreeCopy.of(value)), SqlLiteral.createNull(POS));
    SqlIdentifier firsts = columns.column(first);
    operands.set(0, firsts);
    SqlNodeList newOrder = new SqlNodeList(POS);
    for (SqlNode key : order) {
      newOrder.add(replaceValue(key, firsts));
    }
    if (!within) {
      operands.add(newOrder);
    }
    SqlCall plain = aggregate.getOperator().createCall(null, aggregate.getParserPosition(),
        operands.toArray(new SqlNode[0]));
    return within ? SqlStdOperatorTable.WITHIN_GROUP.createCall(call.getParserPosition(), plain,
        newOrder) : plain;
  }

  private static SqlNode orderValue(SqlNode key) {
    SqlNode value = key;
    while (value instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING
        || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
      value = call.operand(0);
    }
    return value;
  }

  private static SqlNode replaceValue(SqlNode key, SqlIdentifier firsts) {
    if (key instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING
        || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
      return call.getOperator().createCall(POS, replaceValue(call.operand(0), firsts));
    }
    return firsts;
  }
}
