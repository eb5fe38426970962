package io.rowspace.sql.function;

import io.rowspace.engine.predictor.Task;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.ModelViews;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.parser.SqlDistinctOn;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.BoundSpace;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.session.SpaceRelations;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Rewrites a query that calls Rowspace functions into one Calcite can run: each model call gets
 * the current row's input values, each as an operand of its own type ({@link ModelCallOperator});
 * the table functions get their constant arguments. {@code PREDICT('p')} resolves the predictor's input
 * columns <em>by name</em> in the FROM scope of its SELECT (SPEC section 4); columns the scope
 * lacks are missing. The predictor is bound to the session once, here, not per row
 * ({@link StatementModels}); the table functions are {@link TableFunctionCalls}'.
 *
 * <p>About 520 lines: a visitor over every kind of node a query holds (SELECT, set operations,
 * WITH, ORDER BY, joins, subqueries) with the scope each opens, plus the PREDICT family's
 * arguments resolved in that scope; each part needs the visitor's scopes.
 */
public final class FunctionQueryRewriter {
  /** {@link SqlJoin}'s operand index of its ON condition (it has no setter of its own). */
  private static final int JOIN_CONDITION = 5;
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  /** Rowspace's functions that return rows, as the user names them: only in TABLE(...). */
  private static final Set<String> ROW_FUNCTIONS = Set.of("SIMILAR_ROWS", "EMBEDDINGS",
      "CONFUSION_MATRIX", "ROC_CURVE", "CALIBRATION_CURVE", "FEATURE_IMPORTANCE");

  private final RowspaceSession session;
  private final CalciteQueries calcite;
  /** The WITH items in force where the visitor is, so a FROM can name a common table. */
  private final Deque<SqlNodeList> withLists = new ArrayDeque<>();
  /** The models this statement names, each read and bound once. */
  private final StatementModels models;
  /** The internal calls Calcite resolves in place of the user's. */
  private final InternalCalls calls;
  private final TableFunctionCalls tableFunctions;

  public FunctionQueryRewriter(RowspaceSession session, CalciteQueries calcite) {
    this.session = session;
    this.calcite = calcite;
    this.models = new StatementModels(session);
    this.calls = new InternalCalls(calcite);
    this.tableFunctions = new TableFunctionCalls(session, models, calls);
  }

  /** The WITH items in force where the visitor is, outermost first. */
  private SqlNodeList withItems() {
    SqlNodeList items = new SqlNodeList(POS);
    withLists.descendingIterator().forEachRemaining(list -> list.forEach(items::add));
    return items;
  }

  /**
   * Rewrites the query and returns the tree Calcite prepares in place of the user's text
   * ({@link CalciteQueries#prepare}); Calcite's planning then batches its model calls
   * ({@code io.rowspace.sql.plan}). The user's nodes keep their positions.
   */
  public SqlNode rewrite(SqlNode query) throws SQLException {
    new ViewExpansion(new ModelViews(session.database()).definitions(),
        session.database().unquotedCasing()).expand(query);
    SqlNode rewritten = visit(query, new SelectScope(null, withItems()));
    SqlDistinctOn calciteDistinctOn = distinctOnIn(rewritten);
    if (calciteDistinctOn != null) {
      // Calcite would read it as a plain DISTINCT
      throw BackingSplit.distinctOnRefused(calciteDistinctOn);
    }
    // Calcite's own parser reads value::type as CAST(value AS type)
    SqlNode standard = rewritten.accept(new org.apache.calcite.sql.util.SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (visited instanceof SqlCall copy
            && copy.getOperator() == org.apache.calcite.sql.fun.SqlLibraryOperators.INFIX_CAST) {
          visited = SqlStdOperatorTable.CAST.createCall(copy.getParserPosition(),
              copy.getOperandList());
        }
        return visited instanceof SqlCall cast && cast.getKind() == SqlKind.CAST
            ? BooleanCasts.asCase(cast, postgres()) : visited;
      }
    });
    return ArrayAggregates.keepingNulls(standard);
  }

  /** A DISTINCT ON left in the part of a query Calcite evaluates, or null. */
  private static SqlDistinctOn distinctOnIn(SqlNode rewritten) {
    SqlDistinctOn[] found = {null};
    rewritten.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlLiteral literal) {
        if (found[0] == null && literal instanceof SqlDistinctOn distinctOn) {
          found[0] = distinctOn;
        }
        return null;
      }
    });
    return found[0];
  }

  private SqlNode visit(SqlNode node, SelectScope scope) throws SQLException {
    if (node == null) {
      return null;
    }
    if (node instanceof SqlSelect select) {
      checkRowCount(select.getFetch(), "LIMIT");
      checkRowCount(select.getOffset(), "OFFSET");
      tableFunctions.filterSimilarRowsBeforeLimit(select);
      SqlSelect split = BackingSplit.split(this, calcite, select, withItems(), scope);
      if (split != null) {
        return split;
      }
      if (select.getFrom() != null) {
        select.setFrom(visit(select.getFrom(), scope));
      }
      SelectScope inner = new SelectScope(select.getFrom(), withItems());
      labelAsTheDatabase(select.getSelectList());
      select.setSelectList((SqlNodeList) visit(select.getSelectList(), inner));
      select.setWhere(visit(select.getWhere(), inner));
      select.setHaving(visit(select.getHaving(), inner));
      if (select.getGroup() != null) {
        select.setGroupBy((SqlNodeList) visit(select.getGroup(), inner));
      }
      if (select.getOrderList() != null) {
        select.setOrderBy((SqlNodeList) visit(select.getOrderList(), inner));
      }
      return select;
    }
    if (node instanceof SqlWith with) {
      visit(with.withList, scope);
      withLists.push(with.withList);
      try {
        with.body = visit(with.body, scope);
      } finally {
        withLists.pop();
      }
      // A body split off to the backing database takes the WITH items with it
      return WithItems.namedIn(with.withList, with.body) ? with : with.body;
    }
    if (node instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlSelect select
        && select.getOrderList() == null && select.getFetch() == null
        && select.getOffset() == null) {
      // ORDER BY and LIMIT of a SELECT are its own clauses
      select.setOrderBy(orderBy.orderList);
      select.setOffset(orderBy.offset);
      select.setFetch(orderBy.fetch);
      return visit(select, scope);
    }
    if (node instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlWith with
        && with.body instanceof SqlSelect body && body.getOrderList() == null
        && body.getFetch() == null && body.getOffset() == null) {
      // WITH ... SELECT ... ORDER BY: the ORDER BY and LIMIT are the body's, and name its FROM
      body.setOrderBy(orderBy.orderList);
      body.setOffset(orderBy.offset);
      body.setFetch(orderBy.fetch);
      return visit(with, scope);
    }
    if (node instanceof SqlOrderBy orderBy) {
      checkRowCount(orderBy.fetch, "LIMIT");
      checkRowCount(orderBy.offset, "OFFSET");
      visit(orderBy.query, scope);
      SelectScope inner = orderBy.query instanceof SqlSelect select
          ? new SelectScope(select.getFrom(), withItems())
          : scope;
      visit(orderBy.orderList, inner);
      return orderBy;
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, visit(list.get(i), scope));
      }
      return list;
    }
    if (node instanceof SqlJoin join) {
      join.setLeft(visit(join.getLeft(), scope));
      join.setRight(visit(join.getRight(), scope));
      if (join.getCondition() != null && join.getConditionType() == JoinConditionType.ON) {
        // a model call in ON reads the joined rows: its inputs are the join's columns, which
        // the join without its condition has
        SqlParserPos pos = join.getParserPosition();
        SqlJoin columns = new SqlJoin(pos, join.getLeft(), SqlLiteral.createBoolean(false, pos),
            JoinType.INNER.symbol(pos), join.getRight(), JoinConditionType.ON.symbol(pos),
            SqlLiteral.createBoolean(true, pos));
        join.setOperand(JOIN_CONDITION, visit(join.getCondition(),
            new SelectScope(columns, withItems())));
      }
      return join;
    }
    if (node instanceof SqlCall call) {
      String function = functionName(call);
      if (function != null) {
        return replace(function, call, scope);
      }
      if (call.getKind() == SqlKind.COLLECTION_TABLE && call.operandCount() == 1
          && call.operand(0) instanceof SqlCall table && functionName(table) != null) {
        // a table function where it belongs: TABLE(SIMILAR_ROWS(...)) in FROM
        call.setOperand(0, tableFunction(functionName(table), table, scope));
        return call;
      }
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode operand = operands.get(i);
        SqlNode replaced = visit(operand, scope);
        if (replaced != operand) {
          call.setOperand(i, replaced);
        }
      }
      return call;
    }
    return node;
  }

  /** Rewrites a query nested in an expression of a split SELECT. */
  SqlNode visitNested(SqlNode query, SelectScope scope) throws SQLException {
    return visit(query, scope);
  }

  /** Whether the backing database is PostgreSQL, whose labels differ from H2's. */
  boolean postgres() {
    return session.database().isPostgres();
  }

  /**
   * Gives the items of a SELECT that Calcite evaluates as a whole the labels the database would
   * give them, where Calcite would say {@code EXPR$n}.
   */
  private void labelAsTheDatabase(SqlNodeList items) {
    for (int i = 0; i < items.size(); i++) {
      String label = ColumnLabels.of(items.get(i), postgres());
      if (label != null) {
        items.set(i, SqlStdOperatorTable.AS.createCall(POS, items.get(i),
            new SqlIdentifier(label, POS)));
      }
    }
  }

  /**
   * A LIMIT or OFFSET literal must be a row count Calcite can run: its enumerable limit counts
   * rows in an {@code int}, so a larger literal would fail inside its code generation.
   */
  private static void checkRowCount(SqlNode count, String clause) throws SQLException {
    if (count instanceof SqlNumericLiteral literal) {
      BigDecimal value = literal.getValueAs(BigDecimal.class);
      if (value.signum() < 0 || value.scale() > 0 && value.stripTrailingZeros().scale() > 0
          || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        throw ErrorCode.ROW_COUNT_RANGE.exception(clause, value, Integer.MAX_VALUE);
      }
    }
  }

  static String functionName(SqlCall call) {
    if (!(call.getOperator() instanceof SqlUnresolvedFunction)) {
      return null;
    }
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    switch (name) {
    case "PREDICT":
    case "PREDICT_PROBA":
    case "PREDICT_DETAILS":
    case "SIMILAR_ROWS":
    case "EMBEDDINGS":
    case "ANOMALY_SCORE":
    case "CONFUSION_MATRIX":
    case "ROC_CURVE":
    case "CALIBRATION_CURVE":
    case "FEATURE_IMPORTANCE":
      return name;
    default:
      return null;
    }
  }

  SqlNode replace(String function, SqlCall call, SelectScope scope) throws SQLException {
    if (ROW_FUNCTIONS.contains(function)) {
      throw ErrorCode.TABLE_FUNCTION_AS_VALUE.exception(function,
          call.getParserPosition().getLineNum(), call.getParserPosition().getColumnNum());
    }
    return tableFunction(function, call, scope);
  }

  private SqlNode tableFunction(String function, SqlCall call, SelectScope scope)
      throws SQLException {
    switch (function) {
    case "PREDICT":
      return predict(call, scope);
    case "PREDICT_PROBA":
      return predictProba(call, scope);
    case "PREDICT_DETAILS":
      return predictDetails(call, scope);
    case "SIMILAR_ROWS":
      return tableFunctions.similarRows(call);
    case "ANOMALY_SCORE":
      return anomalyScore(call, scope);
    case "CONFUSION_MATRIX":
    case "ROC_CURVE":
    case "CALIBRATION_CURVE":
      return tableFunctions.curve(function, call);
    case "FEATURE_IMPORTANCE":
      return tableFunctions.featureImportance(call);
    default:
      return tableFunctions.embeddings(call);
    }
  }

  // ------------------------------------------------------------------ PREDICT family

  private SqlNode predict(SqlCall call, SelectScope scope) throws SQLException {
    BoundPredictor bound = models.predictor(call, "PREDICT");
    RowArguments row = rowArguments(call, bound, scope, 1, "PREDICT");
    PredictorRecord record = bound.record();
    if (bound.predictor().task() == Task.REGRESSION) {
      SqlNode value = modelCall(ModelFunction.PREDICT_VALUE, List.of(record.name()), row);
      return castToTarget(value, record.targetSqlType(), true);
    }
    SqlNode label = modelCall(ModelFunction.PREDICT_LABEL, List.of(record.name()), row);
    return castToTarget(label, record.targetSqlType(), false);
  }

  private SqlNode predictProba(SqlCall call, SelectScope scope) throws SQLException {
    BoundPredictor bound = models.predictor(call, "PREDICT_PROBA");
    if (bound.predictor().task() == Task.REGRESSION) {
      throw ErrorCode.PROBA_NEEDS_CLASSIFICATION.exception(bound.record().name(),
          bound.record().target());
    }
    String label = "";
    int firstRowArgument = 1;
    List<SqlNode> operands = call.getOperandList();
    if (operands.size() > 1 && operands.get(1) instanceof SqlCharStringLiteral literal) {
      label = classLabel(bound, literal.getValueAs(String.class));
      firstRowArgument = 2;
    }
    RowArguments row = rowArguments(call, bound, scope, firstRowArgument, "PREDICT_PROBA");
    return modelCall(ModelFunction.PREDICT_PROBA, List.of(bound.record().name(), label), row);
  }

  private SqlNode predictDetails(SqlCall call, SelectScope scope) throws SQLException {
    BoundPredictor bound = models.predictor(call, "PREDICT_DETAILS");
    RowArguments row = rowArguments(call, bound, scope, 1, "PREDICT_DETAILS");
    return modelCall(ModelFunction.PREDICT_DETAILS, List.of(bound.record().name()), row);
  }

  private static String classLabel(BoundPredictor bound, String label) throws SQLException {
    List<String> classes = bound.predictor().classes();
    if (classes.contains(label)) {
      return label;
    }
    String canonical = RowKey.part(label).stripTrailing();
    if (classes.contains(canonical)) {
      return canonical;
    }
    String lower = label.toLowerCase(Locale.ROOT);
    if (classes.contains(lower)) {
      return lower;
    }
    throw ErrorCode.UNKNOWN_CLASS.exception(bound.record().name(), label,
        bound.record().target(), String.join(", ", classes));
  }

  /** The input columns of the row a call predicts for, and the expressions of their values. */
  private record RowArguments(List<String> names, List<SqlNode> values) {
  }

  private RowArguments rowArguments(SqlCall call, BoundPredictor bound, SelectScope scope,
      int firstArgument, String function) throws SQLException {
    List<SqlNode> operands = call.getOperandList();
    List<String> names = new ArrayList<>();
    List<SqlNode> expressions = new ArrayList<>();
    if (operands.size() > firstArgument) {
      for (SqlNode operand : operands.subList(firstArgument, operands.size())) {
        if (operand.getKind() != SqlKind.ARGUMENT_ASSIGNMENT) {
          throw ErrorCode.ROW_VALUES_BY_NAME.exception(function, bound.record().name());
        }
        SqlCall assignment = (SqlCall) operand;
        SqlIdentifier column = (SqlIdentifier) assignment.operand(1);
        String columnName = column.getSimple();
        if (!bound.inputColumns().containsKey(columnName)) {
          columnName = session.database().fold(columnName);
        }
        if (!bound.inputColumns().containsKey(columnName)) {
          throw RowspaceErrors.unknownColumn(bound.spaceRecord().rootTable(), column.getSimple(),
              bound.record().inputColumns());
        }
        names.add(columnName);
        expressions.add(scope.value(assignment.operand(0)));
      }
    } else {
      List<String> visible = scope.columns(calcite);
      List<String> inputs = new ArrayList<>(bound.record().inputColumns());
      // A space over related tables finds a row's related rows by the row's key and foreign keys.
      for (String link : SpaceRelations.linkColumns(bound.space())) {
        if (!inputs.contains(link)) {
          inputs.add(link);
        }
      }
      for (String input : inputs) {
        if (visible.contains(input)) {
          names.add(input);
          expressions.add(scope.input(input));
        }
      }
      if (names.isEmpty()) {
        throw noInputColumns(function, bound.record().name(), bound.record().inputColumns());
      }
    }
    return new RowArguments(names, expressions);
  }

  /**
   * A call without named values whose FROM has none of the model's input columns (or no FROM):
   * there is no row to predict for.
   */
  private static SQLException noInputColumns(String function, String model,
      Collection<String> inputs) {
    return ErrorCode.NO_INPUT_COLUMNS.exception(function, model, String.join(", ", inputs),
        inputs.iterator().next());
  }

  /** Gives a prediction the SQL type of the target column. */
  private static SqlNode castToTarget(SqlNode value, String targetJdbcType, boolean number) {
    if (targetJdbcType != null && targetJdbcType.startsWith("CHAR(")) {
      int length = Integer.parseInt(
          targetJdbcType.substring("CHAR(".length(), targetJdbcType.length() - 1));
      return SqlStdOperatorTable.CAST.createCall(POS, value, new SqlDataTypeSpec(
          new SqlBasicTypeNameSpec(SqlTypeName.CHAR, length, POS), POS));
    }
    SqlTypeName type;
    try {
      type = SqlTypeName.valueOf(targetJdbcType);
    } catch (IllegalArgumentException | NullPointerException e) {
      return value;
    }
    switch (type) {
    case TINYINT:
    case SMALLINT:
    case INTEGER:
    case BIGINT:
      return InternalCalls.cast(number ? SqlStdOperatorTable.ROUND.createCall(POS, value) : value, type);
    case REAL:
    case FLOAT:
    case DOUBLE:
    case DECIMAL:
    case BOOLEAN:
      return InternalCalls.cast(value, type == SqlTypeName.FLOAT ? SqlTypeName.DOUBLE : type);
    default:
      return value;
    }
  }

  /**
   * A call of a model function ({@link ModelCallOperator}): its constants, the input columns'
   * names, then their values, each an expression of its own type.
   */
  private SqlNode modelCall(ModelFunction function, List<String> constants, RowArguments row) {
    List<SqlNode> operands = new ArrayList<>();
    for (String constant : constants) {
      operands.add(SqlLiteral.createCharString(constant, POS));
    }
    for (String name : row.names()) {
      operands.add(SqlLiteral.createCharString(name, POS));
    }
    operands.addAll(row.values());
    return calls.call(function.sqlName(), operands);
  }

  // ------------------------------------------------------------------ spaces

  private SqlNode anomalyScore(SqlCall call, SelectScope scope) throws SQLException {
    SpaceRecord record = models.space(call, "ANOMALY_SCORE");
    if (call.getOperandList().size() != 1) {
      throw ErrorCode.ANOMALY_SCORE_ARGUMENTS.exception(record.name());
    }
    BoundSpace bound = models.boundSpace(record);
    List<String> names = new ArrayList<>();
    List<SqlNode> expressions = new ArrayList<>();
    List<String> visible = scope.columns(calcite);
    for (String input : bound.inputColumns().keySet()) {
      if (visible.contains(input)) {
        names.add(input);
        expressions.add(scope.input(input));
      }
    }
    if (names.isEmpty()) {
      throw noInputColumns("ANOMALY_SCORE", record.name(), bound.inputColumns().keySet());
    }
    return modelCall(ModelFunction.ANOMALY_SCORE, List.of(record.name()),
        new RowArguments(names, expressions));
  }
}
