package io.rowspace.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows of a table read back for the baselines, in {@code id} order: each feature as a
 * {@code Double} (NaN when NULL) or, for a categorical column, a {@code String} (null when NULL),
 * and the target as a {@code String} label or a {@code Double}. Rows whose target is NULL are
 * left out: there is nothing to learn from or to score them against.
 *
 * @param ids the rows' {@code id}
 * @param features one array per row, in the order of the feature columns
 * @param labels the target of each row for classification, else null
 * @param values the target of each row for regression, else null
 */
record LabeledRows(long[] ids, Object[][] features, String[] labels, double[] values) {

  /** Reads the feature columns and the target of {@code table}. */
  static LabeledRows read(Connection connection, SharedDataset dataset, String table)
      throws SQLException {
    List<SharedDataset.Column> features = dataset.featureColumns();
    String sql = "SELECT id, " + dataset.target() + (features.isEmpty() ? "" : ", ")
        + features.stream().map(SharedDataset.Column::name).collect(Collectors.joining(", "))
        + " FROM " + table + " WHERE " + dataset.target() + " IS NOT NULL ORDER BY id";
    List<Long> ids = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    boolean classification = dataset.task().isClassification();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
        if (classification) {
          labels.add(rs.getString(2));
        } else {
          values.add(rs.getDouble(2));
        }
        Object[] row = new Object[features.size()];
        for (int c = 0; c < row.length; c++) {
          if (features.get(c).categorical()) {
            row[c] = rs.getString(c + 3);
          } else {
            double v = rs.getDouble(c + 3);
            row[c] = rs.wasNull() ? Double.NaN : v;
          }
        }
        rows.add(row);
      }
    }
    return new LabeledRows(ids.stream().mapToLong(Long::longValue).toArray(),
        rows.toArray(new Object[0][]),
        classification ? labels.toArray(new String[0]) : null,
        classification ? null : values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  int size() {
    return ids.length;
  }
}
