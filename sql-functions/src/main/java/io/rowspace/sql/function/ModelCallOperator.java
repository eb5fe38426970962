package io.rowspace.sql.function;

import io.rowspace.sql.plan.BatchEvaluation;
import io.rowspace.sql.plan.BatchedOperator;
import io.rowspace.sql.session.RowspaceSession;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlOperandTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * A model function as an operator of our Calcite connection, e.g.
 * {@code ROWSPACE_PREDICT_LABEL('churn', 'AGE', 'PLAN', age, plan)}: the string constants of its
 * {@link ModelFunction}, the names of the input columns, then one operand per column holding the
 * row's value with its own SQL type (a column reference or any expression; a NULL or parameter
 * without a type of its own is typed VARCHAR). Nothing is converted to text on the way.
 *
 * <p>The planner evaluates its calls in batches: as a {@link BatchedOperator} it tells
 * {@code io.rowspace.sql.plan.ModelCallBatching} where a call's values start and makes the
 * evaluation of a plan operator's calls ({@link ModelCallBatches}, with the session whose models
 * they run). Where Calcite evaluates a call itself, such as in a join condition over both sides,
 * the generated code calls {@link ModelCallRows}.
 */
public final class ModelCallOperator extends SqlUserDefinedFunction implements BatchedOperator {
  private static final Method EVALUATE = methodOf("evaluate");

  /** Unknown operand types (NULL, {@code ?}) are VARCHAR, as the engine parses text too. */
  private static final SqlOperandTypeInference UNKNOWN_AS_TEXT =
      (binding, returnType, operandTypes) -> {
        RelDataTypeFactory types = binding.getTypeFactory();
        for (int i = 0; i < operandTypes.length; i++) {
          operandTypes[i] = types.createTypeWithNullability(
              types.createSqlType(SqlTypeName.VARCHAR), true);
        }
      };

  private final ModelFunction function;
  private final RowspaceSession session;

  private ModelCallOperator(String name, ModelFunction function, RowspaceSession session) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        binding -> resultType(binding.getTypeFactory(), function), UNKNOWN_AS_TEXT,
        new Operands(function), new Implementation(function));
    this.function = function;
    this.session = session;
  }

  /** The operators of a session's Calcite connection, named as the backing database folds. */
  static List<SqlOperator> of(RowspaceSession session) {
    List<SqlOperator> operators = new ArrayList<>();
    for (ModelFunction function : ModelFunction.values()) {
      operators.add(new ModelCallOperator(session.database().fold(function.sqlName()), function,
          session));
    }
    return operators;
  }

  public ModelFunction function() {
    return function;
  }

  /** The constants, then as many column names as values: the values are the second half. */
  @Override public int firstValueOperand(RexCall call) {
    int leading = function.leadingConstants();
    return leading + (call.getOperands().size() - leading) / 2;
  }

  /**
   * The calls as the batch evaluation reads them: model, class and column names from their
   * literals, each value's field and SQL type; run with the models of this operator's session,
   * the connection that plans them.
   */
  @Override public BatchEvaluation evaluation(List<BatchedCall> calls) {
    List<ModelCall> modelCalls = new ArrayList<>();
    for (BatchedCall batched : calls) {
      RexCall call = batched.call();
      ModelFunction called = ((ModelCallOperator) call.getOperator()).function();
      List<RexNode> operands = call.getOperands();
      int leading = called.leadingConstants();
      int columns = (operands.size() - leading) / 2;
      List<String> names = new ArrayList<>();
      List<SqlTypeName> types = new ArrayList<>();
      for (int i = 0; i < columns; i++) {
        names.add(text(operands.get(leading + i)));
        types.add(operands.get(leading + columns + i).getType().getSqlTypeName());
      }
      String label = called == ModelFunction.PREDICT_PROBA ? text(operands.get(1)) : "";
      modelCalls.add(new ModelCall(called, text(operands.get(0)), label, names,
          batched.valueFields(), types));
    }
    return new ModelCallBatches(session, modelCalls);
  }

  private static String text(RexNode literal) {
    return ((RexLiteral) literal).getValueAs(String.class);
  }

  /**
   * The result type: VARCHAR or DOUBLE, nullable, as Calcite types a Java method returning
   * {@code String} or {@code Double}.
   */
  private static RelDataType resultType(RelDataTypeFactory types, ModelFunction function) {
    if (types instanceof JavaTypeFactory java) {
      return JavaTypeFactoryImpl.toSql(types, java.createJavaType(function.resultClass()));
    }
    SqlTypeName name = function.resultClass() == String.class ? SqlTypeName.VARCHAR
        : SqlTypeName.DOUBLE;
    return types.createTypeWithNullability(types.createSqlType(name), true);
  }

  private static Method methodOf(String name) {
    for (Method method : ModelCallRows.class.getMethods()) {
      if (method.getName().equals(name)) {
        return method;
      }
    }
    throw new IllegalStateException("ModelCallRows has no method " + name);
  }

  /**
   * The operands: the constants, then as many column names as values. The constants and names
   * must be text; the values may be of any type.
   */
  private static final class Operands implements SqlOperandMetadata {
    private final ModelFunction function;

    Operands(ModelFunction function) {
      this.function = function;
    }

    @Override public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
      return List.of();
    }

    @Override public List<String> paramNames() {
      return List.of();
    }

    @Override public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      int count = binding.getOperandCount();
      int columns = (count - function.leadingConstants()) / 2;
      boolean valid = (count - function.leadingConstants()) % 2 == 0 && columns > 0;
      for (int i = 0; valid && i < function.leadingConstants() + columns; i++) {
        valid = SqlTypeUtil.inCharFamily(binding.getOperandType(i));
      }
      if (!valid && throwOnFailure) {
        throw binding.newValidationSignatureError();
      }
      return valid;
    }

    @Override public SqlOperandCountRange getOperandCountRange() {
      return SqlOperandCountRanges.from(function.leadingConstants() + 2);
    }

    @Override public String getAllowedSignatures(SqlOperator op, String opName) {
      return opName + "(" + (function == ModelFunction.PREDICT_PROBA ? "'model', 'class'"
          : "'model'") + ", 'column', ..., value, ...)";
    }
  }

  /** How Calcite's generated code calls the function row by row. */
  private static final class Implementation implements ScalarFunction, ImplementableFunction {
    private final ModelFunction function;

    Implementation(ModelFunction function) {
      this.function = function;
    }

    @Override public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return resultType(typeFactory, function);
    }

    @Override public CallImplementor getImplementor() {
      return (translator, call, nullAs) -> {
        List<Expression> operands = new ArrayList<>();
        for (Expression operand : translator.translateList(call.getOperands())) {
          operands.add(Primitive.is(operand.getType()) ? Expressions.box(operand) : operand);
        }
        List<Expression> types = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
          types.add(Expressions.constant(operand.getType().getSqlTypeName().name()));
        }
        Expression result = Expressions.call(EVALUATE, translator.getRoot(),
            Expressions.constant(function.name()),
            Expressions.newArrayInit(Object.class, operands),
            Expressions.newArrayInit(String.class, types));
        return Expressions.convert_(result, function.resultClass());
      };
    }
  }
}
