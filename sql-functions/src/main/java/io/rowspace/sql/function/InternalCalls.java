package io.rowspace.sql.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The calls a rewritten query makes in place of the user's: Rowspace's internal functions, named
 * as the Calcite schema folds them and resolved by Calcite's validator in the category it looks
 * them up in (table functions in FROM, the others as scalar functions).
 */
final class InternalCalls {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final Set<String> TABLE_FUNCTIONS = Set.of(CalciteQueries.SIMILAR_ROWS,
      CalciteQueries.EMBEDDINGS, CalciteQueries.CONFUSION_MATRIX, CalciteQueries.ROC_CURVE,
      CalciteQueries.CALIBRATION_CURVE, CalciteQueries.FEATURE_IMPORTANCE);

  private final CalciteQueries calcite;

  InternalCalls(CalciteQueries calcite) {
    this.calcite = calcite;
  }

  SqlNode call(String function, String model, SqlNode... rest) {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(SqlLiteral.createCharString(model, POS));
    operands.addAll(List.of(rest));
    return call(function, operands);
  }

  SqlNode call(String function, List<SqlNode> operands) {
    SqlIdentifier name = new SqlIdentifier(calcite.fold(function), POS);
    // Calcite looks a function up by its category: the table functions are schema functions
    // called in FROM, as its parser would have made them of TABLE(...)
    SqlFunctionCategory category = TABLE_FUNCTIONS.contains(function)
        ? SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION
        : SqlFunctionCategory.USER_DEFINED_FUNCTION;
    SqlUnresolvedFunction operator = new SqlUnresolvedFunction(name, null, null, null, null,
        category);
    return new SqlBasicCall(operator, operands, POS);
  }

  /** {@code CAST(value AS type)}. */
  static SqlNode cast(SqlNode value, SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(POS, value,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, POS), POS));
  }
}
