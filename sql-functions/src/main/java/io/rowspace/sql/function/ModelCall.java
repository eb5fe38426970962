package io.rowspace.sql.function;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One call of a model function in a planned query, as its batch evaluation needs it: the
 * function, the model's name, for {@code PREDICT_PROBA} the class asked (empty for the default),
 * the input columns the row gives and, for each, the field of the rows the batch reads that holds
 * its value and the value's SQL type.
 *
 * @param function the function called
 * @param model the model's name
 * @param label the class asked of {@code PREDICT_PROBA}, empty for its default class and for
 *     other functions
 * @param columns the names of the input columns the values are given for
 * @param valueFields per column, the position of its value in the rows the batch reads
 * @param valueTypes per column, the SQL type of its value
 */
public record ModelCall(ModelFunction function, String model, String label, List<String> columns,
    List<Integer> valueFields, List<SqlTypeName> valueTypes) {

  public ModelCall {
    columns = List.copyOf(columns);
    valueFields = List.copyOf(valueFields);
    valueTypes = List.copyOf(valueTypes);
    if (columns.size() != valueFields.size() || columns.size() != valueTypes.size()) {
      throw new IllegalArgumentException(function + "('" + model + "'): " + columns.size()
          + " input columns but " + valueFields.size() + " value fields and "
          + valueTypes.size() + " value types");
    }
  }

  /** The row's input values, in the order of {@link #columns}, in Calcite's representation. */
  List<Object> values(Object[] row) {
    List<Object> values = new ArrayList<>(valueFields.size());
    for (int field : valueFields) {
      values.add(row[field]);
    }
    return values;
  }

  @Override public String toString() {
    StringBuilder text = new StringBuilder(function.name()).append("('").append(model)
        .append('\'');
    if (!label.isEmpty()) {
      text.append(", '").append(label).append('\'');
    }
    for (int i = 0; i < columns.size(); i++) {
      text.append(", ").append(columns.get(i)).append(" => $").append(valueFields.get(i));
    }
    return text.append(')').toString();
  }
}
