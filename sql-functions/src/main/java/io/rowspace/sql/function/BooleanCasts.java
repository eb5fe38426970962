package io.rowspace.sql.function;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A condition cast to an integer ({@code (PREDICT('p') = label)::int}, {@code CAST(a > b AS
 * INTEGER)}), which both databases compute as 1, 0 or NULL and Calcite refuses ("cannot convert
 * BOOLEAN to INTEGER"), written for Calcite as {@code CASE condition WHEN TRUE THEN 1 WHEN FALSE
 * THEN 0 END}. Only the tree Calcite evaluates is rewritten; the database's part keeps the cast.
 * PostgreSQL casts a boolean to {@code integer} only, H2 to any integer type.
 */
final class BooleanCasts {
  private static final Set<SqlKind> CONDITIONS = Set.of(SqlKind.AND, SqlKind.OR, SqlKind.NOT,
      SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_FALSE,
      SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE, SqlKind.LIKE, SqlKind.SIMILAR, SqlKind.BETWEEN,
      SqlKind.IN, SqlKind.NOT_IN, SqlKind.EXISTS, SqlKind.IS_DISTINCT_FROM,
      SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.POSIX_REGEX_CASE_SENSITIVE,
      SqlKind.POSIX_REGEX_CASE_INSENSITIVE);
  private static final Set<String> H2_INTEGERS = Set.of("INTEGER", "INT", "BIGINT", "SMALLINT",
      "TINYINT", "INT4", "INT8", "INT2");
  private static final Set<String> POSTGRES_INTEGERS = Set.of("INTEGER", "INT", "INT4");

  private BooleanCasts() {
  }

  /** The cast as a CASE if it casts a condition to an integer, else the cast itself. */
  static SqlNode asCase(SqlCall cast, boolean postgres) {
    SqlNode value = cast.operand(0);
    if (cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec type)
        || !isCondition(value)) {
      return cast;
    }
    String name = type.getTypeName().getSimple().toUpperCase(Locale.ROOT);
    if (!(postgres ? POSTGRES_INTEGERS : H2_INTEGERS).contains(name)) {
      return cast;
    }
    SqlParserPos pos = cast.getParserPosition();
    SqlNodeList whens = new SqlNodeList(pos);
    whens.add(SqlLiteral.createBoolean(true, pos));
    whens.add(SqlLiteral.createBoolean(false, pos));
    SqlNodeList thens = new SqlNodeList(pos);
    thens.add(SqlLiteral.createExactNumeric("1", pos));
    thens.add(SqlLiteral.createExactNumeric("0", pos));
    // createSwitched writes WHEN value = TRUE ...: the validator reads only a searched CASE
    return SqlCase.createSwitched(pos, value, whens, thens, SqlLiteral.createNull(pos));
  }

  private static boolean isCondition(SqlNode node) {
    return node.getKind().belongsTo(SqlKind.COMPARISON) || CONDITIONS.contains(node.getKind())
        || node instanceof SqlLiteral literal && literal.getValue() instanceof Boolean;
  }
}
