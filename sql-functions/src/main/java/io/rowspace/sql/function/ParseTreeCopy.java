package io.rowspace.sql.function;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * A deep copy of a parse tree, positions kept. Calcite's validator rewrites the tree it
 * validates (it qualifies identifiers and expands stars), so a part of the user's statement
 * that is validated on its own, or used twice, is validated as a copy.
 */
final class ParseTreeCopy extends SqlShuttle {
  private static final ParseTreeCopy INSTANCE = new ParseTreeCopy();

  private ParseTreeCopy() {
  }

  static SqlNode of(SqlNode node) {
    return node == null ? null : node.accept(INSTANCE);
  }

  @Override public SqlNode visit(SqlCall call) {
    CallCopyingArgHandler operands = new CallCopyingArgHandler(call, true);
    call.getOperator().acceptCall(this, call, false, operands);
    return operands.result();
  }

  @Override public SqlNode visit(SqlNodeList list) {
    SqlNodeList copy = new SqlNodeList(list.getParserPosition());
    for (SqlNode node : list) {
      copy.add(node == null ? null : node.accept(this));
    }
    return copy;
  }

  @Override public SqlNode visit(SqlIdentifier identifier) {
    return identifier.clone(identifier.getParserPosition());
  }
}
