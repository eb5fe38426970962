package io.rowspace.sql.function;

import io.rowspace.engine.predictor.LabelledPredictions;
import io.rowspace.engine.predictor.Task;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The table functions that show how a classification predictor does on labelled rows, each
 * called as {@code TABLE(F('p', TABLE t))} or {@code TABLE(F('p', (SELECT ...)))}:
 * <ul>
 *   <li>{@code CONFUSION_MATRIX}: {@code actual, predicted, row_count}, one row per pair of
 *       classes (zero counts included), the predicted class being {@code PREDICT}'s;</li>
 *   <li>{@code ROC_CURVE}: {@code label, threshold, tpr, fpr}, the curve of the positive class
 *       (binary) or of each class against the rest (multiclass), from threshold +infinity down;</li>
 *   <li>{@code CALIBRATION_CURVE}: {@code bin, mean_predicted, observed_rate, row_count}, ten
 *       equal-width bins of the positive class's probability (multiclass: of the predicted
 *       class's, against the share predicted right).</li>
 * </ul>
 * The rows are read and predicted when the query runs ({@link LabelledRows}: batched, rows whose
 * target is NULL skipped), on a connection of the pool, so they are the rows committed at that
 * moment, predicted by the predictor as it is then.
 */
public final class CurveFunctions {
  private CurveFunctions() {
  }

  /** The functions of a session's Calcite schema, by the name the rewriter calls them. */
  static Map<String, RowspaceTableFunction> of(RowspaceSession session) {
    Map<String, RowspaceTableFunction> functions = new LinkedHashMap<>();
    functions.put(CalciteQueries.CONFUSION_MATRIX, function(session, CONFUSION_MATRIX,
        "confusionMatrix"));
    functions.put(CalciteQueries.ROC_CURVE, function(session, ROC_CURVE, "rocCurve"));
    functions.put(CalciteQueries.CALIBRATION_CURVE, function(session, CALIBRATION_CURVE,
        "calibrationCurve"));
    return functions;
  }

  private static RowspaceTableFunction function(RowspaceSession session, List<Column> columns,
      String method) {
    return RowspaceTableFunction.of(session, (s, types, arguments) -> rowType(s, types, columns),
        CurveFunctions.class, method,
        new RowspaceTableFunction.Parameter("predictor", String.class),
        new RowspaceTableFunction.Parameter("sql", String.class),
        new RowspaceTableFunction.Parameter("source", String.class));
  }

  private static final List<Column> CONFUSION_MATRIX = List.of(
      new Column("actual", SqlTypeName.VARCHAR),
      new Column("predicted", SqlTypeName.VARCHAR),
      new Column("row_count", SqlTypeName.BIGINT));
  private static final List<Column> ROC_CURVE = List.of(
      new Column("label", SqlTypeName.VARCHAR),
      new Column("threshold", SqlTypeName.DOUBLE),
      new Column("tpr", SqlTypeName.DOUBLE),
      new Column("fpr", SqlTypeName.DOUBLE));
  private static final List<Column> CALIBRATION_CURVE = List.of(
      new Column("bin", SqlTypeName.INTEGER),
      new Column("mean_predicted", SqlTypeName.DOUBLE),
      new Column("observed_rate", SqlTypeName.DOUBLE),
      new Column("row_count", SqlTypeName.BIGINT));

  /**
   * The confusion matrix of the predictor on the rows of {@code sql}; called by the generated
   * code with the predictor, the rows' query and how messages name them.
   */
  public static Enumerable<Object[]> confusionMatrix(DataContext context, String predictor,
      String sql, String source) {
    return rows(context, predictor, sql, source, "CONFUSION_MATRIX", measured -> {
      List<Object[]> rows = new ArrayList<>();
      for (LabelledPredictions.ConfusionCell c : measured.confusionMatrix()) {
        rows.add(new Object[] {c.actual(), c.predicted(), c.count()});
      }
      return rows;
    });
  }

  /** The ROC curve of the predictor on the rows of {@code sql}; called by the generated code. */
  public static Enumerable<Object[]> rocCurve(DataContext context, String predictor, String sql,
      String source) {
    return rows(context, predictor, sql, source, "ROC_CURVE", measured -> {
      List<Object[]> rows = new ArrayList<>();
      for (LabelledPredictions.RocPoint p : measured.rocCurve()) {
        rows.add(new Object[] {p.label(), p.threshold(), nullIfNaN(p.truePositiveRate()),
            nullIfNaN(p.falsePositiveRate())});
      }
      return rows;
    });
  }

  /**
   * The calibration curve of the predictor on the rows of {@code sql}; called by the generated
   * code.
   */
  public static Enumerable<Object[]> calibrationCurve(DataContext context, String predictor,
      String sql, String source) {
    return rows(context, predictor, sql, source, "CALIBRATION_CURVE", measured -> {
      List<Object[]> rows = new ArrayList<>();
      for (LabelledPredictions.CalibrationBin b : measured.calibrationCurve()) {
        rows.add(new Object[] {b.bin(), b.meanPredicted(), b.observedRate(), b.count()});
      }
      return rows;
    });
  }

  /** Whether a function name is one of these. */
  static boolean isCurve(String function) {
    return function.equals("CONFUSION_MATRIX") || function.equals("ROC_CURVE")
        || function.equals("CALIBRATION_CURVE");
  }

  private static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private record Column(String name, SqlTypeName type) {}

  private static RelDataType rowType(RowspaceSession session, RelDataTypeFactory types,
      List<Column> columns) {
    RelDataTypeFactory.Builder row = types.builder();
    for (Column c : columns) {
      row.add(session.database().fold(c.name()), c.type()).nullable(true);
    }
    return row.build();
  }

  /**
   * Reads and predicts the labelled rows, with the predictor as it is at this execution (an
   * unknown predictor or a regression fails before any row is read).
   */
  private static Enumerable<Object[]> rows(DataContext context, String predictor, String sql,
      String source, String function, Function<LabelledPredictions, List<Object[]>> rows) {
    try {
      RowspaceSession session = SessionSchema.of(context);
      BoundPredictor bound = LabelledRows.bind(session, predictor);
      if (bound.predictor().task() == Task.REGRESSION) {
        throw RowspaceErrors.needsClassification(function, bound.record().name(),
            bound.record().target());
      }
      AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(context);
      try (Connection connection = session.database().connection()) {
        LabelledRows labelled = LabelledRows.read(bound, connection, sql, source, List.of(),
            () -> cancel != null && cancel.get());
        return Linq4j.asEnumerable(rows.apply(labelled.measured(bound)));
      }
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }
}
