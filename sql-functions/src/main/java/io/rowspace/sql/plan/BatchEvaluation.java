package io.rowspace.sql.plan;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;

/**
 * The calls of one batched plan operator ({@link EnumerableModelCalls}), evaluated over its input
 * rows: each row comes out, in order, with one result appended per call. The generated code of
 * the statement reaches it as a stashed value of the plan, with the statement's
 * {@link DataContext} (cancel flag, timeout).
 */
public interface BatchEvaluation {
  /** The rows with each call's result appended, in the rows' order. */
  Enumerable<Object[]> apply(Enumerable<Object[]> rows, DataContext context);

  /** The calls, in the order of their result columns, as a plan's EXPLAIN shows them. */
  List<?> calls();
}
