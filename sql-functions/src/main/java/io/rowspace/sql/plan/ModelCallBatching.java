package io.rowspace.sql.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.tools.Program;

/**
 * The planning step that turns per-row model calls into batched operators. Every
 * {@link EnumerableCalc} of the physical plan whose expressions call a model function (a
 * {@link BatchedOperator}) becomes three operators:
 * <pre>
 *   Calc(the original expressions, each model call read from its result column)
 *     EnumerableModelCalls(appends one result per distinct call, a batch of rows at a time)
 *       Calc(the input columns and each call's input values, of their own types; the filter,
 *            if it calls no model)
 * </pre>
 * The lower Calc keeps a filter that calls no model, so only the rows it keeps are predicted; a
 * filter that calls a model (say {@code WHERE PREDICT_PROBA('p') > 0.9}) stays in the upper one.
 * Identical calls are evaluated once. Everything else in the plan is left as Calcite chose it.
 */
public final class ModelCallBatching implements Program {

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rewrite(rel);
  }

  private static RelNode rewrite(RelNode node) {
    List<RelNode> inputs = node.getInputs();
    List<RelNode> rewritten = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (RelNode input : inputs) {
      RelNode replaced = rewrite(input);
      rewritten.add(replaced);
      changed |= replaced != input;
    }
    RelNode current = changed ? node.copy(node.getTraitSet(), rewritten) : node;
    if (current instanceof EnumerableCalc calc) {
      return batch(calc);
    }
    return current;
  }

  /** The calc split around a model-calls operator, or the calc itself if it calls no model. */
  private static RelNode batch(EnumerableCalc calc) {
    RexProgram program = calc.getProgram();
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(ref -> projects.add(program.expandLocalRef(ref)));
    RexNode condition = program.getCondition() == null ? null
        : program.expandLocalRef(program.getCondition());
    Map<RexNode, Integer> calls = new LinkedHashMap<>();
    projects.forEach(project -> collectCalls(project, calls));
    boolean filterCallsModel = condition != null && callsModel(condition);
    if (filterCallsModel) {
      collectCalls(condition, calls);
    }
    if (calls.isEmpty()) {
      return calc;
    }
    RelNode input = calc.getInput();
    RexBuilder rex = calc.getCluster().getRexBuilder();

    // Lower calc: the input's columns, then each distinct input value of the calls.
    List<RexNode> lower = new ArrayList<>(rex.identityProjects(input.getRowType()));
    List<String> lowerNames = new ArrayList<>(input.getRowType().getFieldNames());
    Map<RexNode, Integer> valueFields = new LinkedHashMap<>();
    List<BatchedOperator.BatchedCall> batched = new ArrayList<>();
    for (RexNode node : calls.keySet()) {
      RexCall call = (RexCall) node;
      List<RexNode> operands = call.getOperands();
      List<Integer> fields = new ArrayList<>();
      for (RexNode value : operands.subList(operator(call).firstValueOperand(call),
          operands.size())) {
        Integer field = valueFields.get(value);
        if (field == null) {
          field = lower.size();
          valueFields.put(value, field);
          lower.add(value);
          lowerNames.add("ROWSPACE_VALUE_" + valueFields.size());
        }
        fields.add(field);
      }
      batched.add(new BatchedOperator.BatchedCall(call, fields));
    }
    RelNode values = EnumerableCalc.create(input, RexProgram.create(input.getRowType(), lower,
        filterCallsModel ? null : condition, lowerNames, rex));

    List<RelDataType> resultTypes = new ArrayList<>();
    calls.keySet().forEach(call -> resultTypes.add(call.getType()));
    // The calls of one calc are of one connection: the first call's operator evaluates them all
    BatchEvaluation evaluation = operator(batched.get(0).call()).evaluation(batched);
    EnumerableModelCalls evaluated = EnumerableModelCalls.create(values, evaluation, resultTypes);

    // Upper calc: the original expressions with each call read from its result column.
    int firstResult = lower.size();
    RexShuttle toResults = new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        Integer index = calls.get(call);
        if (index != null) {
          return rex.makeInputRef(call.getType(), firstResult + index);
        }
        return super.visitCall(call);
      }
    };
    List<RexNode> upper = new ArrayList<>();
    projects.forEach(project -> upper.add(project.accept(toResults)));
    RexNode upperCondition = filterCallsModel ? condition.accept(toResults) : null;
    // The calc's own traits: the calls keep the rows in order, so an order the planner relied on
    // (a merge of sorted union inputs, say) still holds
    return calc.copy(calc.getTraitSet(), evaluated, RexProgram.create(evaluated.getRowType(),
        upper, upperCondition, calc.getRowType(), rex));
  }

  /** Adds the model calls an expression makes, each distinct call once, numbered in order. */
  private static void collectCalls(RexNode expression, Map<RexNode, Integer> calls) {
    expression.accept(new RexVisitorImpl<Void>(true) {
      @Override public Void visitCall(RexCall call) {
        if (call.getOperator() instanceof BatchedOperator && constantArguments(call)) {
          calls.putIfAbsent(call, calls.size());
          return null;
        }
        return super.visitCall(call);
      }
    });
  }

  private static boolean callsModel(RexNode expression) {
    Map<RexNode, Integer> found = new LinkedHashMap<>();
    collectCalls(expression, found);
    return !found.isEmpty();
  }

  /**
   * The rewriter passes the model, class and column names as literals before the row's values;
   * a call whose constants are anything else runs row by row.
   */
  private static boolean constantArguments(RexCall call) {
    List<RexNode> operands = call.getOperands();
    for (RexNode operand : operands.subList(0, operator(call).firstValueOperand(call))) {
      if (!(operand instanceof RexLiteral literal) || literal.isNull()) {
        return false;
      }
    }
    return true;
  }

  private static BatchedOperator operator(RexCall call) {
    return (BatchedOperator) call.getOperator();
  }
}
