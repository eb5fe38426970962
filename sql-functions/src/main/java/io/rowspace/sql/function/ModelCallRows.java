package io.rowspace.sql.function;

import io.rowspace.engine.predictor.Prediction;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.BoundSpace;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A model call that Calcite evaluates itself, one row at a time: where no batch can form, such as
 * a join condition over both of its sides, or a call whose constants are not literals. Each call
 * runs the batch evaluation of {@link ModelCallBatches} on one row, so its result has the same
 * bits as in a batch; like a batch it checks once per execution that its model is still the
 * current one. The last row's predictions are remembered per thread, so a condition that asks a
 * row's label and probability predicts once.
 */
public final class ModelCallRows {
  /** The last row predicted on this thread, by predictor and input columns. */
  private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

  private record Memo(BoundPredictor predictor, String key, List<Object> values,
      Map<String, Map<List<Object>, Prediction>> predictions) {
  }

  private ModelCallRows() {
  }

  /**
   * The result of one call for one row; called by the generated code.
   *
   * @param context the statement's context, through which the session is found
   * @param function the {@link ModelFunction}'s name
   * @param operands the call's operands: its constants, column names, then values
   * @param types the SQL type name of each operand
   */
  public static Object evaluate(DataContext context, String function, Object[] operands,
      String[] types) {
    try {
      RowspaceSession session = SessionSchema.of(context);
      ModelCall call = call(ModelFunction.valueOf(function), operands, types);
      Object[] row = operands;
      ModelLookup models = new ModelLookup(session);
      Memo memo = LAST.get();
      Map<String, Map<List<Object>, Prediction>> predictions = new HashMap<>();
      if (call.function().usesPredictor()) {
        BoundPredictor predictor = models.predictor(call.model());
        String key = call.columns() + "\u0000" + call.valueTypes();
        List<Object> values = call.values(row);
        if (memo != null && memo.predictor() == predictor && memo.key().equals(key)
            && memo.values().equals(values)) {
          predictions = memo.predictions();
        } else {
          LAST.set(new Memo(predictor, key, values, predictions));
        }
      }
      return ModelCallBatches.results(call, List.<Object[]>of(row), models, predictions)[0];
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  /** The call described by a row's operands: the values are the last half after the constants. */
  private static ModelCall call(ModelFunction function, Object[] operands, String[] types)
      throws SQLException {
    int leading = function.leadingConstants();
    int columns = (operands.length - leading) / 2;
    List<String> names = new ArrayList<>();
    List<Integer> fields = new ArrayList<>();
    List<SqlTypeName> valueTypes = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      names.add(constant(operands[leading + i], function));
      fields.add(leading + columns + i);
      valueTypes.add(SqlTypeName.valueOf(types[leading + columns + i]));
    }
    String model = constant(operands[0], function);
    String label = function == ModelFunction.PREDICT_PROBA ? constant(operands[1], function) : "";
    return new ModelCall(function, model, label, names, fields, valueTypes);
  }

  private static String constant(Object operand, ModelFunction function) throws SQLException {
    if (operand == null) {
      throw ErrorCode.NULL_MODEL_CONSTANT.exception(function.name());
    }
    return operand.toString();
  }

  /** The models of a call evaluated row by row: checked once per execution of the statement. */
  private record ModelLookup(RowspaceSession session) implements ModelCallBatches.ModelLookup {
    @Override public BoundPredictor predictor(String name) throws SQLException {
      return session.predictorOfExecution(name);
    }

    @Override public BoundSpace space(String name) throws SQLException {
      return session.spaceOfExecution(name);
    }
  }
}
