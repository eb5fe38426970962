package io.rowspace.sql.plan;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;

/**
 * Decimal division to the scale of its result type. Calcite's generated code divides decimals
 * to 16 significant digits and then rounds to the type; the backing database divides to the
 * type's scale ({@link DialectTypeSystem}), so {@code CAST(x AS NUMERIC(8, 1)) / 3} beside a
 * model call has all the digits the database gives. Every division of decimal type in the
 * row expressions of the physical plan becomes a call of {@link #divide}.
 */
public final class DecimalDivision implements Program {
  private static final SqlUserDefinedFunction DIVIDE = divideFunction();

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rewrite(rel);
  }

  /** {@code dividend / divisor} rounded half up to {@code scale} digits; null if either is. */
  public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor, int scale) {
    if (dividend == null || divisor == null) {
      return null;
    }
    return dividend.divide(divisor, scale, RoundingMode.HALF_UP);
  }

  private static RelNode rewrite(RelNode node) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : node.getInputs()) {
      RelNode replaced = rewrite(input);
      inputs.add(replaced);
      changed |= replaced != input;
    }
    RelNode current = changed ? node.copy(node.getTraitSet(), inputs) : node;
    if (!(current instanceof EnumerableCalc calc)) {
      return current;
    }
    RexProgram program = calc.getProgram();
    RexBuilder rex = calc.getCluster().getRexBuilder();
    RelDataTypeFactory types = calc.getCluster().getTypeFactory();
    boolean[] found = {false};
    RexShuttle exact = new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        RexNode visited = super.visitCall(call);
        if (call.getKind() != SqlKind.DIVIDE
            || call.getType().getSqlTypeName() != SqlTypeName.DECIMAL
            || !(visited instanceof RexCall division)) {
          return visited;
        }
        found[0] = true;
        RelDataType type = call.getType();
        List<RexNode> operands = new ArrayList<>();
        for (RexNode operand : division.getOperands()) {
          operands.add(asDecimal(rex, types, operand));
        }
        operands.add(rex.makeExactLiteral(BigDecimal.valueOf(type.getScale())));
        return rex.makeCall(type, DIVIDE, operands);
      }
    };
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(ref -> projects.add(
        program.expandLocalRef(ref).accept(exact)));
    RexNode condition = program.getCondition() == null ? null
        : program.expandLocalRef(program.getCondition()).accept(exact);
    if (!found[0]) {
      return current;
    }
    return EnumerableCalc.create(calc.getInput(), RexProgram.create(
        calc.getInput().getRowType(), projects, condition, calc.getRowType(), rex));
  }

  private static RexNode asDecimal(RexBuilder rex, RelDataTypeFactory types, RexNode operand) {
    RelDataType type = operand.getType();
    if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
      return operand;
    }
    RelDataType decimal = types.createTypeWithNullability(types.createSqlType(
        SqlTypeName.DECIMAL, Math.max(type.getPrecision(), 19), 0), type.isNullable());
    return rex.makeCast(decimal, operand);
  }

  private static SqlUserDefinedFunction divideFunction() {
    Method method;
    try {
      method = DecimalDivision.class.getMethod("divide", BigDecimal.class, BigDecimal.class,
          int.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
    return new SqlUserDefinedFunction(new SqlIdentifier("ROWSPACE_DECIMAL_DIVIDE",
        SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, null,
        ScalarFunctionImpl.create(method));
  }
}
