package io.rowspace.sql.function;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.parser.RowspaceSqlParser;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Replaces each table of a FROM clause that names a view with model calls by the view's query
 * (as a subquery under the view's name), so the view evaluates with the current models. Views
 * named in a view's query are expanded too, up to {@value #MAX_DEPTH} levels.
 */
final class ViewExpansion {
  private static final int MAX_DEPTH = 16;
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private final Map<String, String> definitions;
  private final Casing casing;

  ViewExpansion(Map<String, String> definitions, Casing casing) {
    this.definitions = definitions;
    this.casing = casing;
  }

  /** Expands the views {@code query} names, in place. */
  void expand(SqlNode query) throws SQLException {
    expand(query, 0);
  }

  private void expand(SqlNode query, int depth) throws SQLException {
    if (definitions.isEmpty()) {
      return;
    }
    List<SqlSelect> selects = new ArrayList<>();
    query.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          selects.add(select);
        }
        return super.visit(call);
      }
    });
    for (SqlSelect select : selects) {
      if (select.getFrom() != null) {
        select.setFrom(from(select.getFrom(), depth));
      }
    }
  }

  private SqlNode from(SqlNode from, int depth) throws SQLException {
    if (from instanceof SqlIdentifier table) {
      String name = table.names.get(table.names.size() - 1);
      String definition = definitions.get(name);
      if (definition == null) {
        return from;
      }
      return SqlStdOperatorTable.AS.createCall(POS, query(name, definition, depth),
          new SqlIdentifier(name, POS));
    }
    if (from instanceof SqlJoin join) {
      join.setLeft(from(join.getLeft(), depth));
      join.setRight(from(join.getRight(), depth));
      return join;
    }
    if (from.getKind() == SqlKind.AS && ((SqlCall) from).operand(0) instanceof SqlIdentifier) {
      SqlCall as = (SqlCall) from;
      SqlNode expanded = from(as.operand(0), depth);
      if (expanded != as.operand(0)) {
        as.setOperand(0, ((SqlCall) expanded).operand(0));
      }
    }
    return from;
  }

  private SqlNode query(String name, String definition, int depth) throws SQLException {
    if (depth >= MAX_DEPTH) {
      throw ErrorCode.VIEWS_TOO_DEEP.exception(name, MAX_DEPTH);
    }
    SqlNode query;
    try {
      query = RowspaceSqlParser.parse(definition, casing);
    } catch (SqlParseException e) {
      throw ErrorCode.VIEW_UNPARSABLE.exception(e, name, e.getMessage());
    }
    expand(query, depth + 1);
    return query;
  }
}
