package io.rowspace.sql.function;

import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;

/**
 * The label the backing database gives a select item written without an alias, for the items
 * Calcite evaluates (beside a model call Calcite would label them {@code EXPR$n}). H2 labels an
 * expression by its SQL text, identifiers unquoted ({@code SUM(X)}, {@code ID + 1}); PostgreSQL by
 * the name of its outermost function ({@code sum}, {@code coalesce}, {@code case}), by the label
 * of a scalar subquery's column, and otherwise {@code ?column?}. A model call is labelled as the
 * function call it is ({@code PREDICT('churn')} on H2, {@code predict} on PostgreSQL).
 */
final class ColumnLabels {
  private static final String POSTGRES_UNNAMED = "?column?";
  /** Writes H2's labels: its upper-case keywords, identifiers as they are, without quotes. */
  private static final SqlDialect H2_TEXT = new SqlDialect(SqlDialect.EMPTY_CONTEXT
      .withDatabaseProduct(SqlDialect.DatabaseProduct.H2)
      .withIdentifierQuoteString(null));

  private ColumnLabels() {
  }

  /** The label of an item without alias, or null where the database labels it like Calcite. */
  static String of(SqlNode item, boolean postgres) {
    if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
      return null;
    }
    return postgres ? postgres(item) : h2(item);
  }

  private static String h2(SqlNode item) {
    String text = item.toSqlString(config -> config.withDialect(H2_TEXT)
        .withAlwaysUseParentheses(false).withSelectListItemsOnSeparateLines(false)
        .withClauseStartsLine(false).withIndentation(0)).getSql();
    return text.replaceAll("\\s+", " ").trim();
  }

  /** PostgreSQL's name of a type, which labels a cast of a constant ({@code 1::int} is int4). */
  private static String postgresTypeName(SqlDataTypeSpec type) {
    String name = type.getTypeName().getSimple().toLowerCase(Locale.ROOT);
    switch (name) {
    case "integer":
    case "int":
      return "int4";
    case "bigint":
      return "int8";
    case "smallint":
      return "int2";
    case "real":
      return "float4";
    case "double":
    case "float":
      return "float8";
    case "decimal":
      return "numeric";
    case "boolean":
      return "bool";
    case "char":
      return "bpchar";
    default:
      return name;
    }
  }

  private static String postgres(SqlNode item) {
    if (item instanceof SqlIdentifier identifier) {
      return identifier.isStar() ? POSTGRES_UNNAMED : identifier.names.get(
          identifier.names.size() - 1);
    }
    if (!(item instanceof SqlCall call)) {
      return POSTGRES_UNNAMED;
    }
    SqlNode query = item;
    if (query instanceof SqlWith with) {
      query = with.body;
    }
    if (query instanceof SqlOrderBy orderBy) {
      query = orderBy.query;
    }
    if (query instanceof SqlSelect select) {
      SqlNode only = select.getSelectList().size() == 1 ? select.getSelectList().get(0) : null;
      if (only == null) {
        return POSTGRES_UNNAMED;
      }
      if (only.getKind() == SqlKind.AS) {
        return ((SqlIdentifier) ((SqlCall) only).operand(1)).getSimple();
      }
      return postgres(only);
    }
    switch (call.getKind()) {
    case CASE:
      return "case";
    case CAST: {
      String operand = postgres(call.operand(0));
      return POSTGRES_UNNAMED.equals(operand) && call.operand(1) instanceof SqlDataTypeSpec type
          ? postgresTypeName(type) : operand;
    }
    case FILTER:
    case WITHIN_GROUP:
    case WITHIN_DISTINCT:
    case OVER:
      // an aggregate with its FILTER, order or window is labelled by the aggregate
      return postgres(call.operand(0));
    case ROW:
      return "row";
    case ARRAY_VALUE_CONSTRUCTOR:
      return "array";
    default:
      if (call.getOperator() instanceof SqlFunction function) {
        return function.getName().toLowerCase(Locale.ROOT);
      }
      return POSTGRES_UNNAMED;
    }
  }
}
