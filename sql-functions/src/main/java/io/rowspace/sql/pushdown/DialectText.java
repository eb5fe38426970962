package io.rowspace.sql.pushdown;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Writes a parse tree back as SQL text of the backing database's dialect. Identifiers are quoted
 * with the case the parser gave them (folded as the database folds unquoted names); names of
 * functions Calcite does not know ({@code DATEADD}, {@code LEFT}, {@code TO_CHAR}) are written
 * unquoted, so the database resolves them as it does in its own SQL; a function called in FROM
 * is written without Calcite's {@code TABLE(...)}; {@code value::type} is written as
 * {@code CAST(value AS type)}.
 */
public final class DialectText {
  private final SqlDialect dialect;

  public DialectText(SqlDialect dialect) {
    this.dialect = dialect;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** The node as the dialect's SQL; the node itself is not changed. */
  public String write(SqlNode node) {
    SqlNode unquotedFunctions = node.accept(new FunctionNames());
    return unquotedFunctions.toSqlString(dialect).getSql();
  }

  /** Replaces calls of unresolved functions by calls whose name is written as a keyword. */
  private static final class FunctionNames extends SqlShuttle {
    @Override public SqlNode visit(SqlCall call) {
      SqlNode visited = super.visit(call);
      if (visited instanceof SqlCall table && table.getKind() == SqlKind.COLLECTION_TABLE
          && table.operandCount() == 1 && table.operand(0) instanceof SqlCall function
          && function.getOperator() instanceof SqlFunction) {
        // a function of the database in FROM (generate_series, SYSTEM_RANGE) is written as the
        // database reads it, without the TABLE(...) Calcite's parser wraps it in
        return function;
      }
      if (visited instanceof SqlCall cast
          && cast.getOperator() == SqlLibraryOperators.INFIX_CAST) {
        // Calcite writes value::type without parentheses around the value, so (a > 1)::int
        // would reach the database as a > 1::int; CAST(value AS type) means the same to both
        // databases (and they label it alike) and keeps its operand whole
        return SqlStdOperatorTable.CAST.createCall(cast.getParserPosition(),
            cast.getOperandList());
      }
      if (!(visited instanceof SqlCall copy)
          || !(copy.getOperator() instanceof SqlUnresolvedFunction unresolved)
          || unresolved.getSqlIdentifier() == null
          || !unresolved.getSqlIdentifier().isSimple()) {
        return visited;
      }
      SqlFunction named = new SqlFunction(unresolved.getName(), SqlKind.OTHER_FUNCTION, null,
          null, null, SqlFunctionCategory.SYSTEM);
      List<SqlNode> operands = new ArrayList<>(copy.getOperandList());
      return named.createCall(copy.getFunctionQuantifier(), copy.getParserPosition(),
          operands.toArray(new SqlNode[0]));
    }
  }
}
