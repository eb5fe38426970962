package io.rowspace.sql.function;

import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.RowspaceSession;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;

/**
 * One of Rowspace's table functions ({@code SIMILAR_ROWS}, {@code EMBEDDINGS}, the curves,
 * {@code FEATURE_IMPORTANCE}) as a function of one connection's Calcite schema. When a query is
 * planned it types the rows with the connection's session (the root table of a space, names folded
 * as the backing database folds them); when the query runs, the code Calcite generates calls the
 * function's static {@code run} method with the statement's {@link DataContext}, through which the
 * method finds the same session ({@link SessionSchema}), and the call's arguments. Nothing names
 * the session in the query text, and there is no registry of open sessions.
 */
final class RowspaceTableFunction implements TableFunction, ImplementableFunction {
  /** The row type of a call, from the session and the call's constant arguments. */
  @FunctionalInterface
  interface RowType {
    /**
     * @param arguments the call's arguments, null where one is not a constant (a parameter)
     */
    RelDataType of(RowspaceSession session, RelDataTypeFactory types, List<?> arguments)
        throws SQLException;
  }

  private final RowspaceSession session;
  private final List<FunctionParameter> parameters;
  private final RowType rowType;
  private final Method run;

  /**
   * @param run a public static method of {@code type} named {@code method}, returning an
   *     {@code Enumerable<Object[]>}, whose parameters are the {@link DataContext} and then the
   *     call's arguments, one per entry of {@code parameters} and of its Java type
   * @param parameters the names and Java types of the call's arguments
   */
  private RowspaceTableFunction(RowspaceSession session, RowType rowType, Class<?> type,
      String method, List<Parameter> parameters) {
    this.session = session;
    this.rowType = rowType;
    ReflectiveFunctionBase.ParameterListBuilder list = ReflectiveFunctionBase.builder();
    List<Class<?>> types = new ArrayList<>();
    types.add(DataContext.class);
    for (Parameter p : parameters) {
      list.add(p.type(), p.name());
      types.add(p.type());
    }
    this.parameters = list.build();
    try {
      this.run = type.getMethod(method, types.toArray(new Class<?>[0]));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getSimpleName() + " has no method " + method, e);
    }
    if (!Enumerable.class.isAssignableFrom(run.getReturnType())) {
      throw new IllegalStateException(run + " must return an Enumerable");
    }
  }

  /** An argument of a table function: its name and Java type. */
  record Parameter(String name, Class<?> type) {}

  /** The table function of a session whose rows {@code rowType} gives and {@code run} makes. */
  static RowspaceTableFunction of(RowspaceSession session, RowType rowType, Class<?> type,
      String method, Parameter... parameters) {
    return new RowspaceTableFunction(session, rowType, type, method, List.of(parameters));
  }

  @Override public List<FunctionParameter> getParameters() {
    return parameters;
  }

  /**
   * The row type of a call, when a query is planned. An error (an unknown space, a dropped root
   * table) is the statement's error, with its SQLSTATE.
   */
  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory,
      List<? extends Object> arguments) {
    try {
      return rowType.of(session, typeFactory, arguments);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  @Override public Type getElementType(List<? extends Object> arguments) {
    return Object[].class;
  }

  /** The generated call: {@code run(root, argument, ...)}, each argument of its Java type. */
  @Override public CallImplementor getImplementor() {
    return (translator, call, nullAs) -> {
      List<Expression> operands = new ArrayList<>();
      operands.add(translator.getRoot());
      List<Expression> arguments = translator.translateList(call.getOperands());
      Class<?>[] types = run.getParameterTypes();
      for (int i = 0; i < arguments.size(); i++) {
        operands.add(EnumUtils.convert(arguments.get(i), types[i + 1]));
      }
      return Expressions.call(run, operands);
    };
  }
}
