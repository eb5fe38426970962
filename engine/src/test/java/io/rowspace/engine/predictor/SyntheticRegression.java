package io.rowspace.engine.predictor;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Rows whose target {@code Y = 3 X1 - 2 X2 + 4 k + noise} depends on two numbers and a category
 * {@code KIND} (a, b or c for k = 0, 1, 2): a regression a predictor should learn well.
 */
final class SyntheticRegression {
  private SyntheticRegression() {
  }

  static Frame rows(int count, double noise, long seed) {
    Random random = new Random(seed);
    List<ColumnSchema> schema = List.of(
        new ColumnSchema("X1", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("X2", Types.DOUBLE, "DOUBLE"),
        new ColumnSchema("KIND", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("Y", Types.DOUBLE, "DOUBLE"));
    List<Object[]> rows = new ArrayList<>();
    String[] kinds = {"a", "b", "c"};
    for (int i = 0; i < count; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      int k = random.nextInt(3);
      double y = 3 * x1 - 2 * x2 + 4 * k + noise * random.nextGaussian();
      rows.add(new Object[] {x1, x2, kinds[k], y});
    }
    return Frame.ofRows(schema, rows);
  }
}
