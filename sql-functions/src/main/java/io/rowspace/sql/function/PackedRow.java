package io.rowspace.sql.function;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row handed to a Rowspace function as packed column names and values, read back as a
 * one-row {@link Frame} of the model's input columns. Names that are not inputs are ignored;
 * inputs that are absent stay absent, which the engine treats as missing.
 */
record PackedRow(List<String> names, Frame frame) {

  static PackedRow of(Map<String, ColumnSchema> inputs, String columns, String values) {
    List<String> names = PackedValues.unpack(columns);
    List<String> texts = PackedValues.unpack(values);
    List<ColumnSchema> schemas = new ArrayList<>();
    List<Object[]> cells = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      ColumnSchema schema = inputs.get(names.get(i));
      if (schema != null) {
        schemas.add(schema);
        cells.add(new Object[] {texts.get(i)});
      }
    }
    return new PackedRow(names, new Frame(schemas, cells));
  }

  /** Many rows that share the same packed column names, as one Frame for a batched call. */
  static Frame frame(Map<String, ColumnSchema> inputs, String columns, List<String> rows) {
    List<String> names = PackedValues.unpack(columns);
    List<ColumnSchema> schemas = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      ColumnSchema schema = inputs.get(names.get(i));
      if (schema != null) {
        schemas.add(schema);
        positions.add(i);
      }
    }
    List<Object[]> cells = new ArrayList<>();
    for (int c = 0; c < schemas.size(); c++) {
      cells.add(new Object[rows.size()]);
    }
    for (int r = 0; r < rows.size(); r++) {
      List<String> texts = PackedValues.unpack(rows.get(r));
      for (int c = 0; c < schemas.size(); c++) {
        cells.get(c)[r] = texts.get(positions.get(c));
      }
    }
    return new Frame(schemas, cells);
  }
}
