package io.rowspace.sql.function;

import io.rowspace.engine.predictor.Task;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The table functions of a query as {@link FunctionQueryRewriter} rewrites them: their arguments
 * checked (a space or predictor that exists, k within {@code rowspace.maxK}, no subquery), turned
 * into the constants the internal table functions take, and {@code SIMILAR_ROWS} under a WHERE
 * made to return the k most similar rows that satisfy it.
 */
final class TableFunctionCalls {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private final RowspaceSession session;
  private final StatementModels models;
  private final InternalCalls calls;
  /** SIMILAR_ROWS calls that return every row in rank order, for a WHERE to filter. */
  private final Set<SqlCall> rankingAll = Collections.newSetFromMap(new IdentityHashMap<>());

  TableFunctionCalls(RowspaceSession session, StatementModels models, InternalCalls calls) {
    this.session = session;
    this.models = models;
    this.calls = calls;
  }

  SqlNode embeddings(SqlCall call) throws SQLException {
    SpaceRecord record = models.space(call, "EMBEDDINGS");
    if (call.getOperandList().size() != 1) {
      throw ErrorCode.EMBEDDINGS_ARGUMENTS.exception(record.name());
    }
    return calls.call(CalciteQueries.EMBEDDINGS, record.name());
  }

  // ------------------------------------------------------------------ SIMILAR_ROWS

  /**
   * {@code SELECT ... FROM TABLE(SIMILAR_ROWS('s', key, k)) [AS t] WHERE w} means the k most
   * similar rows that satisfy w, not those of the k most similar that do. It becomes
   * {@code SELECT ... FROM (SELECT * FROM TABLE(<all rows in rank order>) [AS t] WHERE w FETCH
   * FIRST k ROWS ONLY) [AS t]}; rows stream in rank order, so only as many are read as it takes.
   */
  void filterSimilarRowsBeforeLimit(SqlSelect select) {
    SqlNode from = select.getFrom();
    if (select.getWhere() == null || from == null) {
      return;
    }
    SqlNode alias = null;
    SqlNode table = from;
    if (from.getKind() == SqlKind.AS) {
      List<SqlNode> operands = ((SqlCall) from).getOperandList();
      if (operands.size() != 2) {
        return;
      }
      table = operands.get(0);
      alias = operands.get(1);
    }
    if (table.getKind() != SqlKind.COLLECTION_TABLE) {
      return;
    }
    SqlNode function = ((SqlCall) table).operand(0);
    if (!(function instanceof SqlCall call) || !"SIMILAR_ROWS".equals(FunctionQueryRewriter.functionName(call))
        || rankingAll.contains(call) || call.getOperandList().size() != 3
        || !(call.operand(2) instanceof SqlNumericLiteral k)) {
      return;
    }
    rankingAll.add(call);
    SqlNodeList star = new SqlNodeList(List.of(SqlIdentifier.star(POS)), POS);
    SqlSelect filtered = new SqlSelect(POS, null, star, from, select.getWhere(), null, null,
        null, null, null, null, SqlLiteral.createExactNumeric(k.toValue(), POS), null);
    select.setFrom(alias == null ? filtered
        : SqlStdOperatorTable.AS.createCall(POS, filtered, alias));
    select.setWhere(null);
  }

  /**
   * SIMILAR_ROWS without k. A NULL k is refused rather than read as "no limit": every row of a
   * large table is never what was meant, and rowspace.maxK bounds what one call returns.
   */
  private static SQLException nullK(String space, int maxK) {
    return ErrorCode.SIMILAR_ROWS_NULL_K.exception(space, maxK);
  }

  SqlNode similarRows(SqlCall call) throws SQLException {
    List<SqlNode> operands = call.getOperandList();
    String name = models.space(call, "SIMILAR_ROWS").name();
    if (operands.size() != 3) {
      throw ErrorCode.SIMILAR_ROWS_ARGUMENTS.exception();
    }
    SqlNode k = operands.get(2);
    if (SqlUtil.isNullLiteral(k, true)) {
      throw nullK(name, session.settings().maxK());
    }
    for (SqlNode argument : operands.subList(1, 3)) {
      // Calcite cannot run a subquery as an argument of a table function, nor cast an
      // interval, date or boolean to a key or k.
      if (argument.getKind().belongsTo(SqlKind.QUERY)) {
        throw ErrorCode.SIMILAR_ROWS_SUBQUERY.exception(name);
      }
      if (argument instanceof SqlLiteral literal && !(literal instanceof SqlNumericLiteral)
          && !(literal instanceof SqlCharStringLiteral)) {
        throw ErrorCode.SIMILAR_ROWS_LITERAL.exception(name,
            literal.getTypeName().getName().toLowerCase(Locale.ROOT), literal);
      }
    }
    if (k instanceof SqlCharStringLiteral text) {
      throw ErrorCode.SIMILAR_ROWS_TEXT_K.exception(name, text.getValueAs(String.class),
          session.settings().maxK());
    }
    if (k instanceof SqlLiteral kLiteral && kLiteral.getValue() instanceof BigDecimal) {
      BigDecimal value = kLiteral.getValueAs(BigDecimal.class);
      int maxK = session.settings().maxK();
      if (value.scale() > 0 || value.compareTo(BigDecimal.ONE) < 0
          || value.compareTo(BigDecimal.valueOf(maxK)) > 0) {
        throw ErrorCode.SIMILAR_ROWS_K_RANGE.exception(name, value, maxK);
      }
    }
    List<SqlNode> rewritten = new ArrayList<>();
    rewritten.add(SqlLiteral.createCharString(name, POS));
    rewritten.add(InternalCalls.cast(operands.get(1), SqlTypeName.VARCHAR));
    rewritten.add(InternalCalls.cast(k, SqlTypeName.INTEGER));
    rewritten.add(SqlLiteral.createBoolean(rankingAll.contains(call), POS));
    return calls.call(CalciteQueries.SIMILAR_ROWS, rewritten);
  }

  // ------------------------------------------------------------------ evaluation (issue 19 A)

  /**
   * {@code CONFUSION_MATRIX('p', TABLE t)}, {@code ROC_CURVE} and {@code CALIBRATION_CURVE}: the
   * rows argument ({@code TABLE t} or a query) becomes the text of a query in the backing
   * database's dialect, which the function runs when scanned ({@link CurveFunctions}). The
   * predictor is checked here, so an unknown one or a regression fails before any row is read.
   */
  SqlNode curve(String function, SqlCall call) throws SQLException {
    String written = StatementModels.nameArgument(call, function, "predictor");
    List<SqlNode> operands = call.getOperandList();
    BoundPredictor bound = LabelledRows.bind(session, written);
    if (bound.predictor().task() == Task.REGRESSION) {
      throw RowspaceErrors.needsClassification(function, bound.record().name(),
          bound.record().target());
    }
    SqlNode rows = operands.size() == 2 ? operands.get(1) : null;
    String sql;
    String source;
    if (rows != null && rows.getKind() == SqlKind.EXPLICIT_TABLE) {
      SqlNode table = ((SqlCall) rows).operand(0);
      sql = "SELECT * FROM " + table.toSqlString(session.dialect()).getSql();
      source = "table " + table;
    } else if (rows != null && rows.getKind().belongsTo(SqlKind.QUERY)) {
      sql = rows.toSqlString(session.dialect()).getSql();
      source = "the query";
    } else {
      throw ErrorCode.CURVE_ARGUMENTS.exception(function, bound.record().name());
    }
    String internal = switch (function) {
      case "CONFUSION_MATRIX" -> CalciteQueries.CONFUSION_MATRIX;
      case "ROC_CURVE" -> CalciteQueries.ROC_CURVE;
      default -> CalciteQueries.CALIBRATION_CURVE;
    };
    return calls.call(internal, bound.record().name(),
        SqlLiteral.createCharString(sql, POS), SqlLiteral.createCharString(source, POS));
  }

  /** {@code FEATURE_IMPORTANCE('p')}: the importance stored with the predictor. */
  SqlNode featureImportance(SqlCall call) throws SQLException {
    String written = StatementModels.nameArgument(call, "FEATURE_IMPORTANCE", "predictor");
    BoundPredictor bound = LabelledRows.bind(session, written);
    if (call.getOperandList().size() != 1) {
      throw ErrorCode.FEATURE_IMPORTANCE_ARGUMENTS.exception(bound.record().name());
    }
    if (bound.predictor().globalImportance().isEmpty()) {
      throw RowspaceErrors.importanceNotMeasured(bound.record().name(), bound.record().space(),
          bound.record().target());
    }
    return calls.call(CalciteQueries.FEATURE_IMPORTANCE, bound.record().name());
  }
}
