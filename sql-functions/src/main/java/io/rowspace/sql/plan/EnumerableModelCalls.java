package io.rowspace.sql.plan;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * Physical operator that runs model calls over its input a batch of rows at a time and appends
 * one result column per call, keeping the rows' order (the work is done by a
 * {@link BatchEvaluation}). Placed by {@link ModelCallBatching}; shown in Calcite plans as
 * {@code EnumerableModelCalls(calls=[PREDICT_LABEL('churn', AGE => $4, PLAN => $5), ...])}.
 */
public final class EnumerableModelCalls extends SingleRel implements EnumerableRel {
  private static final Method APPLY;

  static {
    try {
      APPLY = BatchEvaluation.class.getMethod("apply", Enumerable.class, DataContext.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final BatchEvaluation batches;

  private EnumerableModelCalls(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      BatchEvaluation batches, RelDataType rowType) {
    super(cluster, traits, input);
    this.batches = batches;
    this.rowType = rowType;
  }

  /**
   * The operator over {@code input}, appending the results of the calls of {@code batches}, of
   * the given types, after the input's columns.
   */
  static EnumerableModelCalls create(RelNode input, BatchEvaluation batches,
      List<RelDataType> resultTypes) {
    RelDataTypeFactory.Builder row = input.getCluster().getTypeFactory().builder()
        .addAll(input.getRowType().getFieldList());
    for (int i = 0; i < batches.calls().size(); i++) {
      row.add("ROWSPACE_RESULT_" + (i + 1), resultTypes.get(i));
    }
    return new EnumerableModelCalls(input.getCluster(),
        input.getTraitSet().replace(EnumerableConvention.INSTANCE), input, batches,
        row.build());
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableModelCalls(getCluster(), traitSet, sole(inputs), batches, rowType);
  }

  @Override public RelWriter explainTerms(RelWriter writer) {
    return super.explainTerms(writer).item("calls", batches.calls());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder builder = new BlockBuilder();
    Expression rows = builder.append("rows", input.block);
    Expression arrays = input.physType.convertTo(rows, JavaRowFormat.ARRAY);
    // The evaluation, with the session whose models it runs, reaches the generated code as a
    // stashed value of the statement, not through any registry
    Expression evaluation = implementor.stash(batches, BatchEvaluation.class);
    builder.add(Expressions.call(evaluation, APPLY, arrays, implementor.getRootExpression()));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    return implementor.result(physType, builder.toBlock());
  }
}
