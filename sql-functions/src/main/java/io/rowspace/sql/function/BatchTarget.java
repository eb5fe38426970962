package io.rowspace.sql.function;

import io.rowspace.engine.EngineException;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.Prediction;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.BoundSpace;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;

/**
 * A call site of a model in a query whose rows can be evaluated in batches before the query
 * runs: the packed input names it passes, the expression that packs a row's values, and how to
 * compute and remember the results of many rows at once.
 */
abstract class BatchTarget {
  private final String columns;
  private final SqlNode packedValues;

  BatchTarget(String columns, SqlNode packedValues) {
    this.columns = columns;
    this.packedValues = packedValues;
  }

  String columns() {
    return columns;
  }

  SqlNode packedValues() {
    return packedValues;
  }

  /** Whether the result of a row is already known. */
  abstract boolean isKnown(String values);

  /** Computes and remembers the results of rows, in one call of the model. */
  abstract void evaluate(List<String> rows) throws SQLException;

  /** The identity of a call site: calls of one model with the same inputs share results. */
  abstract String identity();

  /** {@code PREDICT}, {@code PREDICT_PROBA} and {@code PREDICT_DETAILS} of one predictor. */
  static final class Predictions extends BatchTarget {
    private final BoundPredictor predictor;

    Predictions(BoundPredictor predictor, String columns, SqlNode packedValues) {
      super(columns, packedValues);
      this.predictor = predictor;
    }

    @Override boolean isKnown(String values) {
      return predictor.results().get(columns(), values) != null;
    }

    @Override void evaluate(List<String> rows) throws SQLException {
      Frame frame = predictor.withRelated(PackedRow.frame(predictor.inputColumns(), columns(),
          rows));
      List<Prediction> predictions;
      try {
        predictions = predictor.predictor().predict(predictor.space(), frame);
      } catch (EngineException e) {
        throw RowspaceErrors.internal("PREDICT with predictor '" + predictor.record().name()
            + "' failed: " + e.getMessage(), e);
      }
      for (int i = 0; i < rows.size(); i++) {
        predictor.results().put(columns(), rows.get(i), predictions.get(i));
      }
    }

    @Override String identity() {
      return "predictor " + predictor.record().name() + '\u0000' + columns();
    }
  }

  /** {@code ANOMALY_SCORE} of one space. */
  static final class AnomalyScores extends BatchTarget {
    private final BoundSpace space;

    AnomalyScores(BoundSpace space, String columns, SqlNode packedValues) {
      super(columns, packedValues);
      this.space = space;
    }

    @Override boolean isKnown(String values) {
      return space.scores().get(columns(), values) != null;
    }

    @Override void evaluate(List<String> rows) throws SQLException {
      Frame frame = space.withRelated(PackedRow.frame(space.inputColumns(), columns(), rows));
      float[][] vectors;
      try {
        vectors = space.space().embed(frame, Set.of());
      } catch (EngineException e) {
        throw RowspaceErrors.internal("ANOMALY_SCORE('" + space.record().name() + "') failed: "
            + e.getMessage(), e);
      }
      for (int i = 0; i < rows.size(); i++) {
        space.scores().put(columns(), rows.get(i), space.scorer().score(vectors[i]));
      }
    }

    @Override String identity() {
      return "space " + space.record().name() + '\u0000' + columns();
    }
  }
}
