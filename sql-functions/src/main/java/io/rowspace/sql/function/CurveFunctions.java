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
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
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
 * The rows are read and predicted when the function is scanned ({@link LabelledRows}: batched,
 * rows whose target is NULL skipped), on a connection of the pool, so they are the rows
 * committed at that moment.
 */
public final class CurveFunctions {
  private CurveFunctions() {
  }

  /** Called by Calcite, after rewriting: the session id, the predictor, the rows' query. */
  public static ScannableTable confusionMatrix(String session, String predictor, String sql,
      String source) {
    return table(session, predictor, sql, source, "CONFUSION_MATRIX",
        List.of(new Column("actual", SqlTypeName.VARCHAR),
            new Column("predicted", SqlTypeName.VARCHAR),
            new Column("row_count", SqlTypeName.BIGINT)),
        measured -> {
          List<Object[]> rows = new ArrayList<>();
          for (LabelledPredictions.ConfusionCell c : measured.confusionMatrix()) {
            rows.add(new Object[] {c.actual(), c.predicted(), c.count()});
          }
          return rows;
        });
  }

  public static ScannableTable rocCurve(String session, String predictor, String sql,
      String source) {
    return table(session, predictor, sql, source, "ROC_CURVE",
        List.of(new Column("label", SqlTypeName.VARCHAR),
            new Column("threshold", SqlTypeName.DOUBLE),
            new Column("tpr", SqlTypeName.DOUBLE),
            new Column("fpr", SqlTypeName.DOUBLE)),
        measured -> {
          List<Object[]> rows = new ArrayList<>();
          for (LabelledPredictions.RocPoint p : measured.rocCurve()) {
            rows.add(new Object[] {p.label(), p.threshold(), nullIfNaN(p.truePositiveRate()),
                nullIfNaN(p.falsePositiveRate())});
          }
          return rows;
        });
  }

  public static ScannableTable calibrationCurve(String session, String predictor, String sql,
      String source) {
    return table(session, predictor, sql, source, "CALIBRATION_CURVE",
        List.of(new Column("bin", SqlTypeName.INTEGER),
            new Column("mean_predicted", SqlTypeName.DOUBLE),
            new Column("observed_rate", SqlTypeName.DOUBLE),
            new Column("row_count", SqlTypeName.BIGINT)),
        measured -> {
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

  private static ScannableTable table(String sessionId, String predictor, String sql,
      String source, String function, List<Column> columns,
      Function<LabelledPredictions, List<Object[]>> rows) {
    try {
      // The session's own checks (unknown predictor, regression) fail while the query is
      // planned, before any row is read.
      RowspaceSession session = RowspaceSession.byId(sessionId);
      BoundPredictor bound = LabelledRows.bind(session, predictor);
      if (bound.predictor().task() == Task.REGRESSION) {
        throw RowspaceErrors.needsClassification(function, bound.record().name(),
            bound.record().target());
      }
      return new CurveTable(session, bound, sql, source, columns, rows);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  private static final class CurveTable extends AbstractTable implements ScannableTable {
    private final RowspaceSession session;
    private final BoundPredictor bound;
    private final String sql;
    private final String source;
    private final List<Column> columns;
    private final Function<LabelledPredictions, List<Object[]>> rows;

    CurveTable(RowspaceSession session, BoundPredictor bound, String sql, String source,
        List<Column> columns, Function<LabelledPredictions, List<Object[]>> rows) {
      this.session = session;
      this.bound = bound;
      this.sql = sql;
      this.source = source;
      this.columns = columns;
      this.rows = rows;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder row = typeFactory.builder();
      for (Column c : columns) {
        row.add(session.database().fold(c.name()), c.type()).nullable(true);
      }
      return row.build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      java.util.concurrent.atomic.AtomicBoolean cancel =
          DataContext.Variable.CANCEL_FLAG.get(root);
      try (Connection connection = session.database().connection()) {
        LabelledRows labelled = LabelledRows.read(bound, connection, sql, source, List.of(),
            () -> cancel != null && cancel.get());
        return Linq4j.asEnumerable(rows.apply(labelled.measured(bound)));
      } catch (SQLException e) {
        throw new RowspaceRuntimeException(e);
      }
    }
  }
}
