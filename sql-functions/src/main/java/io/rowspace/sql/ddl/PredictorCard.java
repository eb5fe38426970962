package io.rowspace.sql.ddl;

import io.rowspace.engine.predictor.GlobalImportance;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.error.RowspaceErrors;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.h2.tools.SimpleResultSet;

/**
 * Executes {@code DESCRIBE PREDICTOR name}: the predictor's model card, one row. First the
 * columns of its {@code ROWSPACE.PREDICTORS} row it always had (name, space, target, task,
 * status, the validation metrics, threshold, times, version, target type, classes, input
 * columns, training rows), then what a reader of the card wants beside them: the training table
 * and the time span of its rows (first date or timestamp input column, as training saw it),
 * the calibration method, the validation rows and the interval coverage (regression), the class
 * shares of the training rows, the blend members and their shares, and the three most important
 * inputs ({@code FEATURE_IMPORTANCE}).
 */
final class PredictorCard {
  private static final int TOP_FEATURES = 3;

  private PredictorCard() {
  }

  static StatementResult describe(String name, String catalogColumns, StatementContext context)
      throws SQLException {
    Catalog catalog = context.session().catalog();
    PredictorRecord record = catalog.predictors().find(name).orElseThrow(() -> {
      try {
        return RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
      } catch (SQLException e) {
        return e;
      }
    });
    SimpleResultSet card = new SimpleResultSet();
    List<Object> values = new ArrayList<>();
    try (PreparedStatement statement = context.connection().prepareStatement("SELECT "
        + catalogColumns + " FROM ROWSPACE.PREDICTORS WHERE name = ?")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          card.addColumn(meta.getColumnLabel(c), meta.getColumnType(c),
              Math.max(0, meta.getPrecision(c)), Math.max(0, meta.getScale(c)));
        }
        if (!rs.next()) {
          throw RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
        }
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          values.add(rs.getObject(c));
        }
      }
    }
    Predictor predictor = context.session().models().predictor(catalog, record);
    SpaceRecord space = catalog.spaces().find(record.space()).orElse(null);
    Map<String, String> options = predictor.options();
    for (String column : List.of("training_table", "training_time_column", "training_from",
        "training_to", "calibration", "validation_rows", "interval_coverage",
        "class_distribution", "blend_members", "top_features")) {
      int type = column.equals("validation_rows") ? Types.INTEGER
          : column.equals("interval_coverage") ? Types.DOUBLE : Types.VARCHAR;
      card.addColumn(context.session().database().fold(column), type,
          type == Types.VARCHAR ? 4000 : 17, 0);
    }
    values.add(space == null ? null : (space.rootSchema() == null ? "" : space.rootSchema()
        + ".") + space.rootTable());
    values.add(options.get("training_time_column"));
    values.add(options.get("training_time_from"));
    values.add(options.get("training_time_to"));
    values.add(predictor.task().name().equals("REGRESSION") ? null : predictor.calibration());
    values.add(predictor.metrics().validationRows());
    double coverage = predictor.metrics().intervalCoverage();
    values.add(Double.isNaN(coverage) ? null : coverage);
    values.add(shares(predictor.classDistribution()));
    values.add(shares(predictor.blendShares()));
    values.add(predictor.globalImportance().map(PredictorCard::top).orElse(null));
    card.addRow(values.toArray());
    return StatementResult.rows(card);
  }

  /** {@code name 0.25, other 0.75}, in the map's order; null when empty. */
  private static String shares(Map<String, Double> shares) {
    if (shares.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    shares.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.4f", k, v)));
    return String.join(", ", parts);
  }

  private static String top(GlobalImportance importance) {
    List<String> parts = new ArrayList<>();
    for (GlobalImportance.Entry e : importance.entries()) {
      if (parts.size() == TOP_FEATURES) {
        break;
      }
      parts.add(String.format(Locale.ROOT, "%s %.4f", e.feature(), e.importance()));
    }
    return String.join(", ", parts);
  }
}
