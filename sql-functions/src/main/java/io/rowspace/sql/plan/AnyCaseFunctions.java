package io.rowspace.sql.plan;

import java.util.List;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Calcite's built-in and dialect library operators (SQL's own, PostgreSQL's {@code bool_or},
 * {@code array_agg}, {@code date_part}, ...) found by name in any case, as H2 and PostgreSQL find
 * their functions. The connection compares identifiers case-sensitively, which is right for
 * tables and columns; but a function written in lower case (PostgreSQL folds unquoted names to
 * lower case, a BI tool writes them so) would otherwise miss Calcite's upper-case operator, and a
 * query that runs on the database fail beside a model call. Tables' own functions and the model
 * calls are not looked up here.
 */
final class AnyCaseFunctions implements SqlOperatorTable {
  private static final SqlNameMatcher ANY_CASE = SqlNameMatchers.withCaseSensitive(false);

  private final SqlOperatorTable builtIn;

  AnyCaseFunctions(SqlOperatorTable builtIn) {
    this.builtIn = builtIn;
  }

  @Override public void lookupOperatorOverloads(SqlIdentifier opName,
      SqlFunctionCategory category, SqlSyntax syntax, List<SqlOperator> operatorList,
      SqlNameMatcher nameMatcher) {
    builtIn.lookupOperatorOverloads(opName, category, syntax, operatorList, ANY_CASE);
  }

  @Override public List<SqlOperator> getOperatorList() {
    return builtIn.getOperatorList();
  }
}
