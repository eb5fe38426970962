package io.rowspace.sql.function;

import io.rowspace.error.EngineException;
import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.train.BaselineModels;
import io.rowspace.engine.predictor.LabelledPredictions;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import io.rowspace.sql.session.SpaceRelations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The labelled rows of a table or query, predicted: what {@code EVALUATE PREDICTOR} and the curve
 * functions ({@code CONFUSION_MATRIX}, {@code ROC_CURVE}, {@code CALIBRATION_CURVE}) measure.
 * The query runs on the backing database; its rows are read {@value ModelCallBatches#BATCH_ROWS}
 * at a time, the predictor's input columns found by name among its columns (as {@code PREDICT}
 * finds them in a FROM clause), the related rows attached, and each batch predicted in one call,
 * as {@code PREDICT} over many rows is. Rows whose target is NULL are skipped and counted.
 */
public final class LabelledRows {
  private final List<Object> targets = new ArrayList<>();
  private final List<Prediction> predictions = new ArrayList<>();
  private final Map<String, List<Prediction>> baselinePredictions = new LinkedHashMap<>();
  private long unlabelled;

  private LabelledRows() {
  }

  /** The target values of the labelled rows, as read. */
  public List<Object> targets() {
    return targets;
  }

  /** The predictor's predictions of the labelled rows. */
  public List<Prediction> predictions() {
    return predictions;
  }

  /** Each baseline's predictions of the labelled rows, by its name. */
  public Map<String, List<Prediction>> baselinePredictions() {
    return baselinePredictions;
  }

  /** Rows read whose target was NULL. */
  public long unlabelled() {
    return unlabelled;
  }

  /**
   * The predictor's predictions paired with the true values; 22000 when no row holds a value
   * the predictor can be measured on (every class unknown to it).
   */
  public LabelledPredictions measured(BoundPredictor bound) throws SQLException {
    LabelledPredictions measured = LabelledPredictions.of(bound.predictor(), predictions,
        targets);
    if (measured.rows() == 0) {
      throw ErrorCode.NO_KNOWN_LABELS.exception(targets.size(), bound.record().target(),
          bound.record().name(), String.join(", ", measured.unknownLabels().keySet()),
          String.join(", ", bound.predictor().classes()));
    }
    return measured;
  }

  /**
   * Reads and predicts the rows of a query.
   *
   * @param sql the query, in the backing database's dialect
   * @param source how to name the rows in messages, e.g. "table CUSTOMERS"
   * @param baselines further models to predict the same rows with
   */
  public static LabelledRows read(BoundPredictor bound, Connection connection, String sql,
      String source, List<BaselineModels.Baseline> baselines, BooleanSupplier cancelled)
      throws SQLException {
    LabelledRows rows = new LabelledRows();
    for (BaselineModels.Baseline b : baselines) {
      rows.baselinePredictions.put(b.name(), new ArrayList<>());
    }
    String predictorName = bound.record().name();
    String target = bound.record().target();
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(ModelCallBatches.BATCH_ROWS);
      try (ResultSet rs = statement.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> labels = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          labels.add(meta.getColumnLabel(c));
        }
        int targetIndex = find(labels, target);
        if (targetIndex < 0) {
          throw RowspaceErrors.targetColumnAbsent(predictorName, target, source, labels);
        }
        Set<String> wanted = new LinkedHashSet<>(bound.inputColumns().keySet());
        wanted.addAll(SpaceRelations.linkColumns(bound.space()));
        List<ColumnSchema> schema = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (String name : wanted) {
          int at = find(labels, name);
          if (at < 0) {
            continue;
          }
          ColumnSchema known = bound.inputColumns().get(name);
          schema.add(known != null ? known : new ColumnSchema(name, meta.getColumnType(at + 1),
              meta.getColumnTypeName(at + 1)));
          positions.add(at);
        }
        List<Object[]> batch = new ArrayList<>(ModelCallBatches.BATCH_ROWS);
        List<Object> batchTargets = new ArrayList<>(ModelCallBatches.BATCH_ROWS);
        while (rs.next()) {
          Object targetValue = rs.getObject(targetIndex + 1);
          if (targetValue == null) {
            rows.unlabelled++;
            continue;
          }
          Object[] row = new Object[positions.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(positions.get(i) + 1);
          }
          batch.add(row);
          batchTargets.add(targetValue);
          if (batch.size() == ModelCallBatches.BATCH_ROWS) {
            rows.predict(bound, schema, batch, batchTargets, baselines, cancelled);
          }
        }
        rows.predict(bound, schema, batch, batchTargets, baselines, cancelled);
      }
    }
    if (rows.targets.isEmpty()) {
      throw RowspaceErrors.noLabelledRows(predictorName, target, source, rows.unlabelled);
    }
    return rows;
  }

  /** Predicts a batch with the predictor and the baselines, then empties it. */
  private void predict(BoundPredictor bound, List<ColumnSchema> schema, List<Object[]> batch,
      List<Object> batchTargets, List<BaselineModels.Baseline> baselines,
      BooleanSupplier cancelled) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    if (cancelled.getAsBoolean()) {
      throw RowspaceErrors.cancelled("Evaluating predictor '" + bound.record().name() + "'");
    }
    Frame frame = bound.withRelated(Frame.ofRows(schema, batch));
    try {
      predictions.addAll(bound.predictor().predict(bound.space(), frame));
      for (BaselineModels.Baseline b : baselines) {
        baselinePredictions.get(b.name()).addAll(b.predict(frame));
      }
    } catch (EngineException e) {
      throw RowspaceErrors.internal("Evaluating predictor '" + bound.record().name()
          + "' failed: " + e.getMessage(), e);
    }
    targets.addAll(batchTargets);
    batch.clear();
    batchTargets.clear();
  }

  /** The index of a column label: the exact name first, then ignoring case. */
  private static int find(List<String> labels, String name) {
    int exact = labels.indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The predictor a name given as text means, bound to the session: the exact name first, then
   * folded as the backing database folds unquoted names (42704 when neither exists).
   */
  public static BoundPredictor bind(RowspaceSession session, String written)
      throws SQLException {
    Catalog catalog = session.catalog();
    Optional<PredictorRecord> record = catalog.predictors().find(written);
    if (record.isEmpty()) {
      record = catalog.predictors().find(session.database().fold(written));
    }
    if (record.isEmpty()) {
      throw RowspaceErrors.unknownPredictor(written, catalog.predictors().names());
    }
    return BoundPredictor.load(session, record.get());
  }
}
