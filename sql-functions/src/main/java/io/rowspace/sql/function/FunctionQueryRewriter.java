package io.rowspace.sql.function;

import io.rowspace.engine.predictor.Task;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.ModelViews;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.RowKey;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.ErrorCode;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.BoundSpace;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.session.SpaceRelations;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Rewrites a query that calls Rowspace functions into one Calcite can run: each model call gets
 * the current row's input values, each as an operand of its own type ({@link ModelCallOperator});
 * the table functions get their constant arguments. {@code PREDICT('p')} resolves the predictor's input
 * columns <em>by name</em> in the FROM scope of its SELECT (SPEC section 4); columns the scope
 * lacks are missing. The predictor is bound to the session once, here, not per row.
 */
public final class FunctionQueryRewriter {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final Set<String> TABLE_FUNCTIONS = Set.of(CalciteQueries.SIMILAR_ROWS,
      CalciteQueries.EMBEDDINGS, CalciteQueries.CONFUSION_MATRIX, CalciteQueries.ROC_CURVE,
      CalciteQueries.CALIBRATION_CURVE, CalciteQueries.FEATURE_IMPORTANCE);
  /** Rowspace's functions that return rows, as the user names them: only in TABLE(...). */
  private static final Set<String> ROW_FUNCTIONS = Set.of("SIMILAR_ROWS", "EMBEDDINGS",
      "CONFUSION_MATRIX", "ROC_CURVE", "CALIBRATION_CURVE", "FEATURE_IMPORTANCE");

  private final RowspaceSession session;
  private final CalciteQueries calcite;
  /** The WITH items in force where the visitor is, so a FROM can name a common table. */
  private final Deque<SqlNodeList> withLists = new ArrayDeque<>();
  /** SIMILAR_ROWS calls that return every row in rank order, for a WHERE to filter. */
  private final Set<SqlCall> rankingAll = Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * Models this query binds, by name: every call of a model shares one binding, so its batched
   * results reach all of them (the functions look the binding up by name).
   */
  private final Map<String, BoundPredictor> boundPredictors = new HashMap<>();
  private final Map<String, BoundSpace> boundSpaces = new HashMap<>();
  /**
   * Catalog records this statement read, by the name as written: each model's record is read
   * once per statement, however many calls name it.
   */
  private final Map<String, PredictorRecord> predictorRecords = new HashMap<>();
  private final Map<String, SpaceRecord> spaceRecords = new HashMap<>();

  public FunctionQueryRewriter(RowspaceSession session, CalciteQueries calcite) {
    this.session = session;
    this.calcite = calcite;
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
    // Calcite's own parser reads value::type as CAST(value AS type)
    SqlNode standard = rewritten.accept(new org.apache.calcite.sql.util.SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (visited instanceof SqlCall copy
            && copy.getOperator() == org.apache.calcite.sql.fun.SqlLibraryOperators.INFIX_CAST) {
          return SqlStdOperatorTable.CAST.createCall(copy.getParserPosition(),
              copy.getOperandList());
        }
        return visited;
      }
    });
    return standard;
  }

  private SqlNode visit(SqlNode node, SelectScope scope) throws SQLException {
    if (node == null) {
      return null;
    }
    if (node instanceof SqlSelect select) {
      checkRowCount(select.getFetch(), "LIMIT");
      checkRowCount(select.getOffset(), "OFFSET");
      filterSimilarRowsBeforeLimit(select);
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
      return similarRows(call);
    case "ANOMALY_SCORE":
      return anomalyScore(call, scope);
    case "CONFUSION_MATRIX":
    case "ROC_CURVE":
    case "CALIBRATION_CURVE":
      return curve(function, call);
    case "FEATURE_IMPORTANCE":
      return featureImportance(call);
    default:
      return embeddings(call);
    }
  }

  // ------------------------------------------------------------------ PREDICT family

  private SqlNode predict(SqlCall call, SelectScope scope) throws SQLException {
    BoundPredictor bound = bind(call, "PREDICT");
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
    BoundPredictor bound = bind(call, "PREDICT_PROBA");
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
    BoundPredictor bound = bind(call, "PREDICT_DETAILS");
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

  /** Looks up the predictor named by the call's first argument and binds it to the session. */
  private BoundPredictor bind(SqlCall call, String function) throws SQLException {
    String written = nameArgument(call, function, "predictor");
    PredictorRecord record = predictorRecords.get(written);
    if (record == null) {
      Catalog catalog = session.catalog();
      // The name is a string, but users write it as they write identifiers: exact match first,
      // then folded the way the backing database folds unquoted names.
      record = catalog.predictors().find(written)
          .or(() -> findPredictor(catalog, session.database().fold(written)))
          .orElseThrow(() -> unknownPredictor(catalog, written));
      predictorRecords.put(written, record);
    }
    BoundPredictor already = boundPredictors.get(record.name());
    if (already != null) {
      return already;
    }
    BoundPredictor bound = BoundPredictor.load(session, record);
    session.bind(bound);
    boundPredictors.put(record.name(), bound);
    return bound;
  }

  private static Optional<PredictorRecord> findPredictor(Catalog catalog,
      String name) {
    try {
      return catalog.predictors().find(name);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private static SQLException unknownPredictor(Catalog catalog, String name) {
    try {
      return RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
    } catch (SQLException e) {
      return e;
    }
  }

  private static String nameArgument(SqlCall call, String function, String kind)
      throws SQLException {
    List<SqlNode> operands = call.getOperandList();
    if (operands.isEmpty() || !(operands.get(0) instanceof SqlCharStringLiteral literal)) {
      throw ErrorCode.MODEL_NAME_NOT_LITERAL.exception(function, kind);
    }
    return literal.getValueAs(String.class);
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

  private static SqlNode cast(SqlNode value, SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(POS, value,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, POS), POS));
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
      return cast(number ? SqlStdOperatorTable.ROUND.createCall(POS, value) : value, type);
    case REAL:
    case FLOAT:
    case DOUBLE:
    case DECIMAL:
    case BOOLEAN:
      return cast(value, type == SqlTypeName.FLOAT ? SqlTypeName.DOUBLE : type);
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
    return internalCall(function.sqlName(), operands);
  }

  private SqlNode internalCall(String function, String model, SqlNode... rest) {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(SqlLiteral.createCharString(model, POS));
    operands.addAll(List.of(rest));
    return internalCall(function, operands);
  }

  private SqlNode internalCall(String function, List<SqlNode> operands) {
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

  // ------------------------------------------------------------------ spaces

  /** The space named by the call's first argument: exact name first, then folded. */
  private SpaceRecord space(SqlCall call, String function) throws SQLException {
    String written = nameArgument(call, function, "embedding space");
    SpaceRecord known = spaceRecords.get(written);
    if (known != null) {
      return known;
    }
    Catalog catalog = session.catalog();
    Optional<SpaceRecord> space = catalog.spaces().find(written);
    if (space.isEmpty()) {
      space = catalog.spaces().find(session.database().fold(written));
    }
    if (space.isEmpty()) {
      throw RowspaceErrors.unknownSpace(written, catalog.spaces().names());
    }
    spaceRecords.put(written, space.get());
    return space.get();
  }

  private SqlNode anomalyScore(SqlCall call, SelectScope scope) throws SQLException {
    SpaceRecord record = space(call, "ANOMALY_SCORE");
    if (call.getOperandList().size() != 1) {
      throw ErrorCode.ANOMALY_SCORE_ARGUMENTS.exception(record.name());
    }
    BoundSpace bound = boundSpaces.get(record.name());
    if (bound == null) {
      bound = bindSpace(record);
    }
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

  /** Binds a space for ANOMALY_SCORE: its used columns are the inputs. */
  private BoundSpace bindSpace(SpaceRecord record) throws SQLException {
    BoundSpace bound = BoundSpace.load(session, record);
    session.bind(bound);
    boundSpaces.put(record.name(), bound);
    return bound;
  }

  private SqlNode embeddings(SqlCall call) throws SQLException {
    SpaceRecord record = space(call, "EMBEDDINGS");
    if (call.getOperandList().size() != 1) {
      throw ErrorCode.EMBEDDINGS_ARGUMENTS.exception(record.name());
    }
    return internalCall(CalciteQueries.EMBEDDINGS, record.name());
  }

  // ------------------------------------------------------------------ SIMILAR_ROWS

  /**
   * {@code SELECT ... FROM TABLE(SIMILAR_ROWS('s', key, k)) [AS t] WHERE w} means the k most
   * similar rows that satisfy w, not those of the k most similar that do. It becomes
   * {@code SELECT ... FROM (SELECT * FROM TABLE(<all rows in rank order>) [AS t] WHERE w FETCH
   * FIRST k ROWS ONLY) [AS t]}; rows stream in rank order, so only as many are read as it takes.
   */
  private void filterSimilarRowsBeforeLimit(SqlSelect select) {
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
    if (!(function instanceof SqlCall call) || !"SIMILAR_ROWS".equals(functionName(call))
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

  private SqlNode similarRows(SqlCall call) throws SQLException {
    List<SqlNode> operands = call.getOperandList();
    String name = space(call, "SIMILAR_ROWS").name();
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
    rewritten.add(cast(operands.get(1), SqlTypeName.VARCHAR));
    rewritten.add(cast(k, SqlTypeName.INTEGER));
    rewritten.add(SqlLiteral.createBoolean(rankingAll.contains(call), POS));
    return internalCall(CalciteQueries.SIMILAR_ROWS, rewritten);
  }

  // ------------------------------------------------------------------ evaluation (issue 19 A)

  /**
   * {@code CONFUSION_MATRIX('p', TABLE t)}, {@code ROC_CURVE} and {@code CALIBRATION_CURVE}: the
   * rows argument ({@code TABLE t} or a query) becomes the text of a query in the backing
   * database's dialect, which the function runs when scanned ({@link CurveFunctions}). The
   * predictor is checked here, so an unknown one or a regression fails before any row is read.
   */
  private SqlNode curve(String function, SqlCall call) throws SQLException {
    String written = nameArgument(call, function, "predictor");
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
    return internalCall(internal, bound.record().name(),
        SqlLiteral.createCharString(sql, POS), SqlLiteral.createCharString(source, POS));
  }

  /** {@code FEATURE_IMPORTANCE('p')}: the importance stored with the predictor. */
  private SqlNode featureImportance(SqlCall call) throws SQLException {
    String written = nameArgument(call, "FEATURE_IMPORTANCE", "predictor");
    BoundPredictor bound = LabelledRows.bind(session, written);
    if (call.getOperandList().size() != 1) {
      throw ErrorCode.FEATURE_IMPORTANCE_ARGUMENTS.exception(bound.record().name());
    }
    if (bound.predictor().globalImportance().isEmpty()) {
      throw RowspaceErrors.importanceNotMeasured(bound.record().name(), bound.record().space(),
          bound.record().target());
    }
    return internalCall(CalciteQueries.FEATURE_IMPORTANCE, bound.record().name());
  }
}
