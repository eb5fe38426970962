package io.rowspace.sql.plan;

import java.util.List;
import org.apache.calcite.rex.RexCall;

/**
 * An operator whose calls the plan evaluates a batch of rows at a time rather than row by row
 * ({@link ModelCallBatching}): the model functions. A call's operands are its constants, then the
 * row's values; the values are computed below the batched operator, and a call whose constants
 * are not all literals stays where Calcite put it, evaluated row by row.
 *
 * <p>The interface is what the planner needs of such an operator; what the calls compute lives
 * above this package ({@code io.rowspace.sql.function}).
 */
public interface BatchedOperator {
  /** The position of a call's first value operand: the operands before it are its constants. */
  int firstValueOperand(RexCall call);

  /**
   * The evaluation of a plan operator's calls (of this operator and others of the same
   * connection), each given with the fields of the input rows that hold its values.
   */
  BatchEvaluation evaluation(List<BatchedCall> calls);

  /**
   * A call the plan batches: the call, and per value operand the position of its value in the
   * rows the batched operator reads.
   */
  record BatchedCall(RexCall call, List<Integer> valueFields) {
    public BatchedCall {
      valueFields = List.copyOf(valueFields);
    }
  }
}
