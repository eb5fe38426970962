package io.rowspace.sql.function;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.parser.SqlDistinctOn;
import io.rowspace.sql.pushdown.BackingErrors;
import io.rowspace.sql.pushdown.BackingQuery;
import io.rowspace.sql.pushdown.BackingQuerySchema;
import io.rowspace.sql.pushdown.BackingQueryTable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * One SELECT that calls a model, split in two: the part that depends on no model call runs on the
 * backing database as one query in its own dialect (a {@link BackingQuery}), and Calcite
 * evaluates the rest, the model calls and what consumes them, over that query's rows.
 *
 * <p>The backing query has the SELECT's FROM and the WHERE conjuncts without a model call. Its
 * select list is the SELECT's own (model-call items as NULL, so positions and aliases keep their
 * meaning for ORDER BY) followed by the values Calcite needs: model-call inputs, and the
 * model-free parts of expressions that hold a model call. When no model call is an input of the
 * grouping (a GROUP BY key, an aggregate's argument, a filter before it), GROUP BY and the
 * model-free HAVING conjuncts go with it; when no model call decides the order, ORDER BY too, and
 * LIMIT/OFFSET when no model call filters rows. Calcite then keeps the database's row order.
 *
 * <p>About 690 lines: the split of one SELECT is one decision over shared state (the backing
 * select list, the column each item is read by, where grouping, windows and ordering happen);
 * each clause's rules read and extend that state, so they stay together.
 */
final class BackingSplit {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  /** Where a SELECT's grouping is computed. */
  private enum Grouping { NONE, IN_DATABASE, IN_CALCITE }

  private final FunctionQueryRewriter rewriter;
  private final CalciteQueries calcite;
  private final SqlSelect select;
  private final SqlNodeList withItems;
  private final SelectScope enclosing;
  /** The backing query's select list before stars are expanded. */
  private final List<SqlNode> items = new ArrayList<>();
  /** Per item: the identifier Calcite reads it by, named once the columns are known. */
  private final List<SqlIdentifier> references = new ArrayList<>();
  /** Per item: the value it computes, to share one column among equal expressions. */
  private final List<SqlNode> values = new ArrayList<>();
  private List<String> fromColumns;
  private Grouping grouping;
  private boolean windowsInCalcite;
  /** Whether a model call filters the backing rows (a WHERE conjunct Calcite evaluates). */
  private boolean modelFilters;

  private BackingSplit(FunctionQueryRewriter rewriter, CalciteQueries calcite, SqlSelect select,
      SqlNodeList withItems, SelectScope enclosing) {
    this.rewriter = rewriter;
    this.calcite = calcite;
    this.select = select;
    this.withItems = withItems;
    this.enclosing = enclosing;
  }

  /**
   * The SELECT that Calcite runs instead of {@code select}, over its backing query; null when the
   * SELECT cannot be split (its FROM calls a model, or the backing database does not accept its
   * FROM and WHERE alone, e.g. a subquery correlated with an enclosing query), and is then
   * rewritten as a whole for Calcite.
   */
  static SqlSelect split(FunctionQueryRewriter rewriter, CalciteQueries calcite,
      SqlSelect select, SqlNodeList withItems, SelectScope enclosing) throws SQLException {
    if (select.getFrom() == null || ModelCalls.in(select.getFrom()) || ModelCalls.in(withItems)
        || !ModelCalls.in(select) || ModelCalls.inCorrelatedQuery(select)) {
      return null;
    }
    return new BackingSplit(rewriter, calcite, select, withItems, enclosing).split();
  }

  private SqlSelect split() throws SQLException {
    List<SqlNode> pushedWhere = new ArrayList<>();
    List<SqlNode> outerWhere = new ArrayList<>();
    // In the user's order: model conjuncts, and conjuncts with a parameter, which also run in
    // Calcite so that its statement has the user's parameters (the database binds their values)
    List<SqlNode> calciteWhere = new ArrayList<>();
    for (SqlNode conjunct : conjuncts(select.getWhere())) {
      if (ModelCalls.in(conjunct) || !parametersPushable(conjunct)) {
        outerWhere.add(conjunct);
        calciteWhere.add(conjunct);
      } else {
        pushedWhere.add(conjunct);
        if (ClauseContents.parameterIn(conjunct)) {
          calciteWhere.add(conjunct);
        }
      }
    }
    try {
      SqlNodeList star = new SqlNodeList(List.of(SqlIdentifier.star(POS)), POS);
      fromColumns = calcite.describe(withItems(new SqlSelect(POS, null, star, select.getFrom(),
          and(pushedWhere), null, null, null, null, null, null, null, null))).labels();
    } catch (SQLException e) {
      return null;
    }
    boolean aggregated = select.getGroup() != null && !select.getGroup().isEmpty()
        || ClauseContents.aggregateIn(select.getSelectList()) || select.getHaving() != null;
    boolean modelGroups = !outerWhere.isEmpty()
        || select.getGroup() != null && groupNamesModel(select.getGroup())
        || ClauseContents.aggregateArgumentsCallModels(select.getSelectList())
        || ClauseContents.aggregateArgumentsCallModels(select.getHaving());
    grouping = !aggregated ? Grouping.NONE
        : modelGroups ? Grouping.IN_CALCITE : Grouping.IN_DATABASE;
    windowsInCalcite = grouping == Grouping.IN_CALCITE || !outerWhere.isEmpty();
    modelFilters = !outerWhere.isEmpty();

    // The select list: model-free items are the backing query's own, as written.
    List<SqlNode> selectItems = select.getSelectList().getList();
    List<Object> outerItems = new ArrayList<>();
    boolean calciteWindows = false;
    for (SqlNode item : selectItems) {
      if (item instanceof SqlIdentifier identifier && identifier.isStar()) {
        outerItems.add(new AsWritten(add(item, null)));
      } else if (!ModelCalls.in(item) && grouping != Grouping.IN_CALCITE
          && !(windowsInCalcite && ClauseContents.windowIn(item))) {
        SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
        int index = add(item, value);
        // where the user wrote it, so Calcite's errors about it point there
        references.set(index, new SqlIdentifier("C?", value.getParserPosition()));
        outerItems.add(new AsWritten(index));
      } else {
        calciteWindows |= ClauseContents.windowIn(item);
        add(SqlLiteral.createNull(POS), null);
        SqlNode expression = item;
        SqlNode alias = null;
        if (item.getKind() == SqlKind.AS) {
          expression = ((SqlCall) item).operand(0);
          alias = ((SqlCall) item).operand(1);
        } else if (item instanceof SqlIdentifier identifier) {
          alias = new SqlIdentifier(identifier.names.get(identifier.names.size() - 1), POS);
        } else {
          // Calcite would label it EXPR$n; the database labels it by its text or function
          String label = ColumnLabels.of(item, rewriter.postgres());
          alias = label == null ? null : new SqlIdentifier(label, POS);
        }
        // on a copy: ORDER BY, HAVING and GROUP BY still read the item as the user wrote it
        SqlNode outer = outer(copy(expression), grouping != Grouping.IN_CALCITE);
        outerItems.add(alias == null ? outer
            : SqlStdOperatorTable.AS.createCall(POS, outer, alias));
      }
    }

    List<SqlNode> outerConditions = new ArrayList<>();

    for (SqlNode conjunct : calciteWhere) {
      outerConditions.add(outer(copy(conjunct), true));
    }
    SqlNodeList outerGroup = null;
    SqlNode outerHaving = null;
    List<SqlNode> pushedHaving = new ArrayList<>();
    if (grouping == Grouping.IN_CALCITE) {
      outerGroup = new SqlNodeList(POS);
      if (select.getGroup() != null) {
        for (SqlNode key : select.getGroup()) {
          outerGroup.add(groupKey(key));
        }
      }
      outerHaving = select.getHaving() == null ? null : outer(select.getHaving(), false);
    } else if (grouping == Grouping.IN_DATABASE) {
      for (SqlNode conjunct : conjuncts(select.getHaving())) {
        if (!ModelCalls.in(conjunct) && parametersPushable(conjunct)) {
          pushedHaving.add(conjunct);
          if (ClauseContents.parameterIn(conjunct)) {
            outerConditions.add(outer(copy(conjunct), true));
          }
        } else {
          modelFilters = true;
          outerConditions.add(outer(conjunct, true));
        }
      }
    }

    // ORDER BY and LIMIT stay with the database where no model call decides them.
    // A window Calcite computes needs every row, and its output is not in the database's order
    SqlDistinctOn distinctOn = SqlDistinctOn.of(select);
    boolean plainDistinct = select.isDistinct() && distinctOn == null;
    boolean rowsKeepOrder = grouping != Grouping.IN_CALCITE && !plainDistinct && !calciteWindows;
    boolean orderPushed = rowsKeepOrder && orderIsModelFree();
    if (distinctOn != null && !(orderPushed && !modelFilters && distinctKeysModelFree(distinctOn))) {
      // which row is first per key is the database's to say (its collation, its equality, its
      // order of ties), so DISTINCT ON runs there, before the model calls, or not at all
      throw distinctOnRefused(distinctOn);
    }
    boolean limitPushed = orderPushed && !modelFilters
        && !(select.getFetch() instanceof SqlDynamicParam)
        && !(select.getOffset() instanceof SqlDynamicParam);
    SqlNodeList outerOrder = null;
    if (!orderPushed && select.getOrderList() != null) {
      outerOrder = new SqlNodeList(POS);
      for (SqlNode key : select.getOrderList()) {
        outerOrder.add(orderKey(key));
      }
    }

    SqlSelect pushed = new SqlSelect(POS, distinctOn == null ? null : SqlNodeList.of(distinctOn),
        new SqlNodeList(items, POS), select.getFrom(),
        and(pushedWhere),
        grouping == Grouping.IN_DATABASE ? select.getGroup() : null,
        grouping == Grouping.IN_DATABASE ? and(pushedHaving) : null,
        windowsInCalcite ? null : select.getWindowList(), null,
        orderPushed ? select.getOrderList() : null,
        limitPushed ? select.getOffset() : null, limitPushed ? select.getFetch() : null, null);
    BackingQuery query;
    try {
      query = calcite.describe(withItems(pushed));
    } catch (SQLException e) {
      throw BackingErrors.of(e, select);
    }
    List<Integer> starts = columnStarts(query, pushedWhere);
    for (int i = 0; i < references.size(); i++) {
      SqlIdentifier reference = references.get(i);
      if (reference != null) {
        reference.setNames(List.of(BackingQueryTable.columnName(starts.get(i))), null);
      }
    }
    SqlNodeList outerList = new SqlNodeList(POS);
    for (Object item : outerItems) {
      if (item instanceof AsWritten star) {
        int first = starts.get(star.index());
        int end = star.index() + 1 < starts.size() ? starts.get(star.index() + 1)
            : query.columns().size();
        for (int c = first; c < end; c++) {
          outerList.add(SqlStdOperatorTable.AS.createCall(POS,
              new SqlIdentifier(BackingQueryTable.columnName(c), POS),
              new SqlIdentifier(query.columns().get(c).label(), POS)));
        }
      } else {
        outerList.add((SqlNode) item);
      }
    }
    String table = calcite.register(query);
    return new SqlSelect(POS,
        plainDistinct ? SqlNodeList.of(SqlSelectKeyword.DISTINCT.symbol(POS)) : null,
        outerList, new SqlIdentifier(List.of(BackingQuerySchema.NAME, table), POS),
        and(outerConditions), outerGroup, outerHaving, null, null, outerOrder,
        limitPushed ? null : select.getOffset(), limitPushed ? null : select.getFetch(), null);
  }

  /** An item of the select list whose columns Calcite reads as they are (a star, a value). */
  private record AsWritten(int index) {
  }

  /**
   * The first column (from 0) of each item of the backing query's select list: a star stands for
   * as many columns as the database expands it to.
   */
  private List<Integer> columnStarts(BackingQuery query, List<SqlNode> pushedWhere)
      throws SQLException {
    List<Integer> stars = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof SqlIdentifier identifier && identifier.isStar()) {
        stars.add(i);
      }
    }
    int[] widths = new int[items.size()];
    java.util.Arrays.fill(widths, 1);
    if (stars.size() == 1) {
      widths[stars.get(0)] = query.columns().size() - (items.size() - 1);
    } else {
      for (int star : stars) {
        SqlSelect alone = new SqlSelect(POS, null, SqlNodeList.of(items.get(star)),
            select.getFrom(), and(pushedWhere), null, null, null, null, null, null, null, null);
        widths[star] = calcite.describe(withItems(alone)).columns().size();
      }
    }
    List<Integer> starts = new ArrayList<>();
    int column = 0;
    for (int width : widths) {
      starts.add(column);
      column += width;
    }
    return starts;
  }

  /** Adds an item to the backing query's select list; returns its index. */
  private int add(SqlNode item, SqlNode value) {
    items.add(item);
    references.add(null);
    values.add(value);
    return items.size() - 1;
  }

  /** The identifier through which Calcite reads a model-free value of the backing query. */
  private SqlIdentifier column(SqlNode value) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null && values.get(i).equalsDeep(value, Litmus.IGNORE)) {
        return references.get(i);
      }
    }
    int index = add(value, value);
    SqlIdentifier reference = new SqlIdentifier("C?", value.getParserPosition());
    references.set(index, reference);
    return reference;
  }

  /** The input column {@code name} of a model call, as a column of the backing query. */
  SqlNode input(String name) {
    return column(new SqlIdentifier(name, POS));
  }

  /**
   * An expression for Calcite: model calls rewritten, the model-free parts read from the backing
   * query. {@code rowLevel}: the expression is evaluated per row of the backing query (not per
   * group Calcite forms), so any model-free part may be computed by the database.
   */
  SqlNode outer(SqlNode node, boolean rowLevel) throws SQLException {
    if (node == null || node instanceof SqlLiteral || node instanceof SqlDataTypeSpec
        || node instanceof SqlIntervalQualifier || node instanceof SqlDynamicParam) {
      return node;
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, outer(list.get(i), rowLevel));
      }
      return list;
    }
    if (node instanceof SqlWindow window) {
      outer(window.getPartitionList(), true);
      outer(window.getOrderList(), true);
      return window;
    }
    if (node instanceof SqlIdentifier identifier) {
      return identifier.isStar() ? identifier : column(identifier);
    }
    if (!(node instanceof SqlCall call)) {
      return node;
    }
    String function = FunctionQueryRewriter.functionName(call);
    if (function != null) {
      return rewriter.replace(function, call, new SplitScope(this, rowLevel));
    }
    if (node.getKind().belongsTo(SqlKind.QUERY)) {
      return ModelCalls.in(node) ? rewriter.visitNested(node, enclosing)
          : rowLevel ? column(node) : node;
    }
    boolean modelFree = !ModelCalls.in(node) && !ClauseContents.parameterIn(node);
    if (modelFree && (rowLevel ? !(windowsInCalcite && ClauseContents.windowIn(node))
        : groupKeyIndex(node) >= 0)) {
      return column(node);
    }
    if (!rowLevel && !modelFilters && grouping == Grouping.IN_CALCITE) {
      SqlNode distinct = DistinctOrderedAggregate.rewrite(call, plainGroupKeys(), this::column);
      if (distinct != null) {
        return distinct;
      }
    }
    if (call.getKind() == SqlKind.FILTER || call.getKind() == SqlKind.WITHIN_GROUP
        || call.getKind() == SqlKind.WITHIN_DISTINCT) {
      // an aggregate Calcite computes, with its FILTER (WHERE ...) or WITHIN GROUP (ORDER BY
      // ...): the aggregate stays, its arguments and the clause's expressions are per row
      outerOperands(call.operand(0), true);
      for (int i = 1; i < call.operandCount(); i++) {
        SqlNode operand = call.operand(i);
        SqlNode replaced = outer(operand, true);
        if (replaced != operand) {
          call.setOperand(i, replaced);
        }
      }
      return call;
    }
    if (call.getKind() == SqlKind.OVER) {
      // a window Calcite computes: the function stays, its arguments and window are per row
      outerOperands(call.operand(0), true);
      if (call.operandCount() > 1 && call.operand(1) instanceof SqlWindow window) {
        outer(window, true);
      }
      return call;
    }
    // an aggregate Calcite computes: its arguments are per row
    return outerOperands(call, rowLevel || ClauseContents.isAggregate(call));
  }

  private SqlNode outerOperands(SqlNode node, boolean rowLevel) throws SQLException {
    if (!(node instanceof SqlCall call)) {
      return node;
    }
    boolean subqueryOperands = call.getKind() == SqlKind.IN || call.getKind() == SqlKind.NOT_IN
        || call.getKind() == SqlKind.SOME || call.getKind() == SqlKind.ALL;
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode operand = operands.get(i);
      if (operand == null || operand instanceof SqlIdentifier identifier && identifier.isStar()
          || subqueryOperands && operand.getKind().belongsTo(SqlKind.QUERY)
              && !ModelCalls.in(operand)) {
        continue;
      }
      SqlNode replaced = outer(operand, rowLevel);
      if (replaced != operand) {
        call.setOperand(i, replaced);
      }
    }
    return call;
  }

  /**
   * A GROUP BY key Calcite groups by: an ordinal or alias stays, an expression is a column;
   * GROUPING SETS, ROLLUP and CUBE stay, with their keys so.
   */
  private SqlNode groupKey(SqlNode key) throws SQLException {
    if (key instanceof SqlLiteral) {
      return key;
    }
    if (key instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, groupKey(list.get(i)));
      }
      return list;
    }
    if (key instanceof SqlCall call && (key.getKind() == SqlKind.GROUPING_SETS
        || key.getKind() == SqlKind.ROLLUP || key.getKind() == SqlKind.CUBE
        || key.getKind() == SqlKind.ROW)) {
      for (int i = 0; i < call.operandCount(); i++) {
        SqlNode operand = call.operand(i);
        SqlNode replaced = groupKey(operand);
        if (replaced != operand) {
          call.setOperand(i, replaced);
        }
      }
      return call;
    }
    if (key instanceof SqlIdentifier identifier && identifier.isSimple()
        && !fromColumns.contains(identifier.getSimple())) {
      return key;
    }
    return outer(key, true);
  }

  /**
   * The GROUP BY keys of a grouping Calcite computes when each is a plain model-free expression;
   * null if there is a GROUPING SETS, ROLLUP or CUBE, an ordinal, or a model call among them.
   */
  private List<SqlNode> plainGroupKeys() {
    if (grouping != Grouping.IN_CALCITE) {
      return null;
    }
    List<SqlNode> keys = select.getGroup() == null ? List.of() : select.getGroup().getList();
    for (SqlNode key : keys) {
      if (key instanceof SqlLiteral || ModelCalls.in(key) || key.getKind() == SqlKind.ROLLUP
          || key.getKind() == SqlKind.CUBE || key.getKind() == SqlKind.GROUPING_SETS
          || key instanceof SqlNodeList
          || key instanceof SqlIdentifier id && id.isSimple()
              && !fromColumns.contains(id.getSimple())) {
        return null;
      }
    }
    return keys;
  }

  /** The index of the GROUP BY key equal to {@code node}, or naming a select item equal to it, or -1. */
  private int groupKeyIndex(SqlNode node) {
    if (grouping != Grouping.IN_CALCITE || select.getGroup() == null) {
      return -1;
    }
    List<SqlNode> keys = select.getGroup().getList();
    for (int i = 0; i < keys.size(); i++) {
      // a key that names a model-free select item by ordinal or alias groups by its expression,
      // which the database computes as it computes the item
      SqlNode named = namedItem(keys.get(i), false);
      if (keys.get(i).equalsDeep(node, Litmus.IGNORE)
          || named != null && named.equalsDeep(node, Litmus.IGNORE)) {
        return i;
      }
    }
    return -1;
  }

  /** An ORDER BY key Calcite sorts by: an ordinal or a select alias stays. */
  private SqlNode orderKey(SqlNode key) throws SQLException {
    if (key instanceof SqlLiteral) {
      return key;
    }
    if (key instanceof SqlCall call && (key.getKind() == SqlKind.DESCENDING
        || key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST)) {
      call.setOperand(0, orderKey(call.operand(0)));
      return call;
    }
    if (key instanceof SqlIdentifier identifier && identifier.isSimple()
        && selectAliases().contains(identifier.getSimple())) {
      return key;
    }
    return outer(key, grouping != Grouping.IN_CALCITE);
  }

  /**
   * Whether no key of DISTINCT ON calls a model, names an item that does (by alias or ordinal)
   * or holds a parameter.
   */
  private boolean distinctKeysModelFree(SqlDistinctOn distinctOn) {
    for (SqlNode key : distinctOn.keys()) {
      if (ModelCalls.in(key) || ClauseContents.parameterIn(key) || namesModelItem(key, true)) {
        return false;
      }
    }
    return true;
  }

  /** The error for a DISTINCT ON that would need a model call's value to keep its rows. */
  static SQLException distinctOnRefused(SqlDistinctOn distinctOn) {
    SqlParserPos pos = distinctOn.getParserPosition();
    return ErrorCode.DISTINCT_ON_BESIDE_MODEL_CALL.exception(pos.getLineNum(), pos.getColumnNum());
  }

  /** Whether no ORDER BY key is, or names, an item that calls a model. */
  private boolean orderIsModelFree() {
    if (select.getOrderList() == null) {
      return true;
    }
    for (SqlNode key : select.getOrderList()) {
      SqlNode bare = key;
      while (bare instanceof SqlCall call && (bare.getKind() == SqlKind.DESCENDING
          || bare.getKind() == SqlKind.NULLS_FIRST || bare.getKind() == SqlKind.NULLS_LAST)) {
        bare = call.operand(0);
      }
      if (ModelCalls.in(bare) || ClauseContents.parameterIn(bare) || namesModelItem(bare, true)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a GROUP BY key (or one inside GROUPING SETS, ROLLUP, CUBE or a row of keys) calls a
   * model or names, by select alias or ordinal, an item that does.
   */
  private boolean groupNamesModel(SqlNode key) {
    if (key instanceof SqlNodeList list) {
      return list.stream().anyMatch(this::groupNamesModel);
    }
    if (key instanceof SqlCall call && (key.getKind() == SqlKind.GROUPING_SETS
        || key.getKind() == SqlKind.ROLLUP || key.getKind() == SqlKind.CUBE
        || key.getKind() == SqlKind.ROW)) {
      return call.getOperandList().stream().anyMatch(this::groupNamesModel);
    }
    return ModelCalls.in(key) || namesModelItem(key, false);
  }

  /**
   * Whether {@code key}, an ORDER BY or GROUP BY key, is an ordinal or a select alias of an item
   * that calls a model. In GROUP BY a column of the FROM clause wins over an alias of the same
   * name, as in H2 and PostgreSQL; in ORDER BY the alias does.
   */
  private boolean namesModelItem(SqlNode key, boolean aliasWins) {
    if (ordinalAfterStar(key)) {
      return ModelCalls.in(select.getSelectList());
    }
    SqlNode item = namedItem(key, aliasWins);
    return item != null && ModelCalls.in(item);
  }

  /**
   * The expression of the select item that {@code key}, an ORDER BY or GROUP BY key, names by
   * ordinal or alias (see {@link #namesModelItem} for which wins); null if it names none, or if
   * a star comes before the ordinal (the star's columns are counted by the database).
   */
  private SqlNode namedItem(SqlNode key, boolean aliasWins) {
    List<SqlNode> selectItems = select.getSelectList().getList();
    if (key instanceof SqlLiteral literal && literal.getValue() instanceof java.math.BigDecimal) {
      int ordinal = literal.getValueAs(Integer.class);
      if (ordinalAfterStar(key) || ordinal < 1 || ordinal > selectItems.size()) {
        return null;
      }
      SqlNode item = selectItems.get(ordinal - 1);
      return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
    }
    if (key instanceof SqlIdentifier identifier && identifier.isSimple()
        && (aliasWins || !fromColumns.contains(identifier.getSimple()))) {
      for (SqlNode item : selectItems) {
        if (item.getKind() == SqlKind.AS
            && ((SqlCall) item).operand(1).toString().equals(identifier.toString())) {
          return ((SqlCall) item).operand(0);
        }
      }
    }
    return null;
  }

  /** Whether {@code key} is an ordinal with a star among the select items up to it. */
  private boolean ordinalAfterStar(SqlNode key) {
    if (!(key instanceof SqlLiteral literal && literal.getValue() instanceof java.math.BigDecimal)) {
      return false;
    }
    int ordinal = literal.getValueAs(Integer.class);
    List<SqlNode> selectItems = select.getSelectList().getList();
    for (int i = 0; i < selectItems.size() && i < ordinal; i++) {
      if (selectItems.get(i) instanceof SqlIdentifier identifier && identifier.isStar()) {
        return true;
      }
    }
    return false;
  }

  private List<String> selectAliases() {
    List<String> aliases = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      if (item.getKind() == SqlKind.AS) {
        aliases.add(((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple());
      }
    }
    return aliases;
  }

  /**
   * Whether the database can bind a condition's parameters: they must come in its text in the
   * order of the parse tree's operands, which CASE does not keep (WHEN, THEN, WHEN, ...), and
   * Calcite, which re-checks the condition to know the parameters, must know its functions.
   */
  private static boolean parametersPushable(SqlNode condition) {
    return !ClauseContents.parameterIn(condition)
        || !condition.toString().toUpperCase(java.util.Locale.ROOT).contains("CASE")
            && !ClauseContents.dialectFunctionIn(condition);
  }

  private SqlNode withItems(SqlSelect query) {
    return withItems.isEmpty() ? query : new SqlWith(POS, withItems, query);
  }

  /** A copy of an expression whose calls are new, so rewriting it leaves the original as is. */
  private static SqlNode copy(SqlNode expression) {
    return ParseTreeCopy.of(expression);
  }

  private static List<SqlNode> conjuncts(SqlNode condition) {
    List<SqlNode> conjuncts = new ArrayList<>();
    if (condition == null) {
      return conjuncts;
    }
    if (condition.getKind() == SqlKind.AND) {
      for (SqlNode operand : ((SqlCall) condition).getOperandList()) {
        conjuncts.addAll(conjuncts(operand));
      }
    } else {
      conjuncts.add(condition);
    }
    return conjuncts;
  }

  private static SqlNode and(List<SqlNode> conditions) {
    if (conditions.isEmpty()) {
      return null;
    }
    SqlNode all = conditions.get(0);
    for (SqlNode condition : conditions.subList(1, conditions.size())) {
      all = SqlStdOperatorTable.AND.createCall(POS, all, condition);
    }
    return all;
  }

  /** The scope of a model call in a split SELECT: its inputs are backing-query columns. */
  private static final class SplitScope extends SelectScope {
    private final BackingSplit split;
    private final boolean rowLevel;

    SplitScope(BackingSplit split, boolean rowLevel) {
      super(null, SqlNodeList.EMPTY);
      this.split = split;
      this.rowLevel = rowLevel;
    }

    @Override List<String> columns(CalciteQueries calcite) {
      return split.fromColumns;
    }

    @Override SqlNode input(String name) {
      return split.input(name);
    }

    @Override SqlNode value(SqlNode argument) throws SQLException {
      return split.outer(argument, rowLevel);
    }
  }
}
