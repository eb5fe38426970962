package io.rowspace.sql.function;

import io.rowspace.error.ErrorCode;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The query of the backing database's view for a view with model calls: the view's own query in
 * the backing dialect, each select item that calls a model replaced by a NULL of the item's type
 * (as Rowspace types it) under the item's name, and any other model call by NULL. Its columns are
 * the view's, so the database's metadata describes the view as Rowspace answers it.
 */
public final class BackingViewText {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private BackingViewText() {
  }

  /**
   * @param query the view's query as parsed (changed here)
   * @param columns the columns of the view's query as Rowspace runs it
   */
  public static String write(SqlNode query, ResultSetMetaData columns, CalciteQueries calcite)
      throws SQLException {
    SqlSelect select = query instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlSelect s
        ? s : query instanceof SqlSelect s2 ? s2 : null;
    if (select != null) {
      List<SqlNode> items = select.getSelectList().getList();
      int stars = 0;
      for (SqlNode item : items) {
        if (item instanceof SqlIdentifier identifier && identifier.isStar()) {
          stars++;
        }
      }
      int column = 1;
      SqlNodeList placed = new SqlNodeList(POS);
      for (SqlNode item : items) {
        if (item instanceof SqlIdentifier identifier && identifier.isStar()) {
          if (stars > 1) {
            throw ErrorCode.VIEW_STARS.exception();
          }
          column += columns.getColumnCount() - (items.size() - 1);
          placed.add(item);
          continue;
        }
        if (ModelCalls.in(item)) {
          placed.add(SqlStdOperatorTable.AS.createCall(POS, typedNull(columns, column),
              new SqlIdentifier(columns.getColumnLabel(column), POS)));
        } else {
          placed.add(item);
        }
        column++;
      }
      select.setSelectList(placed);
    }
    SqlNode withoutCalls = query.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        if (FunctionQueryRewriter.functionName(call) != null) {
          return SqlLiteral.createNull(POS);
        }
        return super.visit(call);
      }
    });
    return calcite.backingText(withoutCalls);
  }

  private static SqlNode typedNull(ResultSetMetaData columns, int column) throws SQLException {
    SqlTypeName type;
    int precision = columns.getPrecision(column);
    int scale = columns.getScale(column);
    switch (columns.getColumnType(column)) {
    case Types.BOOLEAN:
    case Types.BIT:
      type = SqlTypeName.BOOLEAN;
      break;
    case Types.INTEGER:
      type = SqlTypeName.INTEGER;
      break;
    case Types.SMALLINT:
    case Types.TINYINT:
      type = SqlTypeName.SMALLINT;
      break;
    case Types.BIGINT:
      type = SqlTypeName.BIGINT;
      break;
    case Types.REAL:
    case Types.FLOAT:
    case Types.DOUBLE:
      // the standard's name, which H2 and PostgreSQL both read
      return SqlStdOperatorTable.CAST.createCall(POS, SqlLiteral.createNull(POS),
          new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec("DOUBLE PRECISION",
              SqlTypeName.DOUBLE, POS), POS));
    case Types.DECIMAL:
    case Types.NUMERIC:
      return cast(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, Math.max(1, precision),
          Math.max(0, scale), POS));
    case Types.CHAR:
      return cast(new SqlBasicTypeNameSpec(SqlTypeName.CHAR, Math.max(1, precision), POS));
    case Types.DATE:
      type = SqlTypeName.DATE;
      break;
    case Types.TIMESTAMP:
      type = SqlTypeName.TIMESTAMP;
      break;
    default:
      return cast(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR,
          precision > 0 && precision < 1_000_000 ? precision : 4000, POS));
    }
    return cast(new SqlBasicTypeNameSpec(type, POS));
  }

  private static SqlNode cast(SqlBasicTypeNameSpec type) {
    return SqlStdOperatorTable.CAST.createCall(POS, SqlLiteral.createNull(POS),
        new SqlDataTypeSpec(type, POS));
  }
}
