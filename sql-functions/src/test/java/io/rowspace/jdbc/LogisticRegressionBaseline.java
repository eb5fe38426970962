package io.rowspace.jdbc;

import io.rowspace.testsupport.LogisticRegression;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a careful analyst would fit first: logistic regression (the test-support module's,
 * L2 penalty 1, the textbook default) on standardised numbers (mean-imputed, with a missing flag)
 * and one-hot categories. Used to judge Rowspace's predictors on the same split.
 */
final class LogisticRegressionBaseline {
  private final List<String> numeric = new ArrayList<>();
  private final List<String> categorical = new ArrayList<>();
  private final Map<String, double[]> moments = new HashMap<>();
  private final Map<String, Map<String, Integer>> levels = new LinkedHashMap<>();
  private LogisticRegression fitted;

  /** Rows of a table: column name to value. */
  static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    ResultSetMetaData meta = rs.getMetaData();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        Object value = rs.getObject(i);
        if (value != null && isNumber(meta.getColumnType(i))) {
          value = ((Number) value).doubleValue();
        }
        row.put(meta.getColumnLabel(i), value);
      }
      rows.add(row);
    }
    return rows;
  }

  private static boolean isNumber(int type) {
    return type == Types.INTEGER || type == Types.BIGINT || type == Types.DOUBLE
        || type == Types.DECIMAL || type == Types.NUMERIC || type == Types.SMALLINT
        || type == Types.REAL || type == Types.FLOAT;
  }

  /** Fits on rows, predicting {@code target == positive} from every other column but the key. */
  static LogisticRegressionBaseline fit(List<Map<String, Object>> rows, String target,
      String positive, String key) {
    LogisticRegressionBaseline model = new LogisticRegressionBaseline();
    for (String column : rows.get(0).keySet()) {
      if (column.equals(target) || column.equals(key)) {
        continue;
      }
      boolean isNumeric = rows.stream().map(r -> r.get(column))
          .allMatch(v -> v == null || v instanceof Double);
      (isNumeric ? model.numeric : model.categorical).add(column);
    }
    for (String column : model.numeric) {
      double sum = 0;
      double sumSq = 0;
      int n = 0;
      for (Map<String, Object> row : rows) {
        Object v = row.get(column);
        if (v != null) {
          double d = (Double) v;
          sum += d;
          sumSq += d * d;
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double sd = n == 0 ? 1 : Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12));
      model.moments.put(column, new double[] {mean, sd});
    }
    for (String column : model.categorical) {
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (Map<String, Object> row : rows) {
        seen.putIfAbsent(String.valueOf(row.get(column)), seen.size());
      }
      model.levels.put(column, seen);
    }
    double[][] x = rows.stream().map(model::features).toArray(double[][]::new);
    int[] y = rows.stream()
        .mapToInt(r -> positive.equals(String.valueOf(r.get(target))) ? 1 : 0).toArray();
    model.fitted = LogisticRegression.fit(x, y, 2, 1.0);
    return model;
  }

  double probability(Map<String, Object> row) {
    return fitted.probabilities(features(row))[1];
  }

  private double[] features(Map<String, Object> row) {
    int size = 2 * numeric.size()
        + levels.values().stream().mapToInt(Map::size).sum();
    double[] f = new double[size];
    int j = 0;
    for (String column : numeric) {
      Object v = row.get(column);
      double[] m = moments.get(column);
      f[j++] = v == null ? 0 : ((Double) v - m[0]) / m[1];
      f[j++] = v == null ? 1 : 0;
    }
    for (Map.Entry<String, Map<String, Integer>> column : levels.entrySet()) {
      Integer level = column.getValue().get(String.valueOf(row.get(column.getKey())));
      if (level != null) {
        f[j + level] = 1;
      }
      j += column.getValue().size();
    }
    return f;
  }
}
