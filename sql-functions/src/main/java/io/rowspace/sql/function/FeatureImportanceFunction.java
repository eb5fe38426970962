package io.rowspace.sql.function;

import io.rowspace.engine.predictor.GlobalImportance;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TABLE(FEATURE_IMPORTANCE('p'))}: the predictor's global importance, measured when it was
 * trained (permutation importance on its validation rows), one row per input column, related
 * table and named related-table summary its trees and linear model read, most important first:
 * {@code rank, feature, kind} ({@code column}, {@code related table} or {@code related summary}),
 * {@code importance} (mean drop of the validation metric when the input
 * is shuffled among the rows; for RMSE its rise), {@code spread} (standard deviation over the
 * repeats), {@code metric}, {@code repeats} and {@code validation_rows}. Predictors stored before
 * it was measured fail with 55000, naming the statement that re-creates them.
 */
public final class FeatureImportanceFunction {
  private FeatureImportanceFunction() {
  }

  /** The function of a session's Calcite schema, called as the rewriter writes it. */
  static RowspaceTableFunction of(RowspaceSession session) {
    return RowspaceTableFunction.of(session, FeatureImportanceFunction::rowType,
        FeatureImportanceFunction.class, "run",
        new RowspaceTableFunction.Parameter("predictor", String.class));
  }

  private static RelDataType rowType(RowspaceSession session, RelDataTypeFactory types,
      List<?> arguments) {
    RelDataTypeFactory.Builder row = types.builder();
    row.add(session.database().fold("rank"), SqlTypeName.INTEGER);
    row.add(session.database().fold("feature"), SqlTypeName.VARCHAR);
    row.add(session.database().fold("kind"), SqlTypeName.VARCHAR);
    row.add(session.database().fold("importance"), SqlTypeName.DOUBLE);
    row.add(session.database().fold("spread"), SqlTypeName.DOUBLE);
    row.add(session.database().fold("metric"), SqlTypeName.VARCHAR);
    row.add(session.database().fold("repeats"), SqlTypeName.INTEGER);
    row.add(session.database().fold("validation_rows"), SqlTypeName.INTEGER);
    return row.build();
  }

  /**
   * The importance stored with the predictor as it is at this execution; called by the
   * generated code.
   */
  public static Enumerable<Object[]> run(DataContext context, String predictor) {
    try {
      RowspaceSession session = SessionSchema.of(context);
      BoundPredictor bound = LabelledRows.bind(session, predictor);
      GlobalImportance importance = bound.predictor().globalImportance().orElseThrow(
          () -> RowspaceErrors.importanceNotMeasured(bound.record().name(),
              bound.record().space(), bound.record().target()));
      List<Object[]> rows = new ArrayList<>();
      int rank = 1;
      for (GlobalImportance.Entry e : importance.entries()) {
        rows.add(new Object[] {rank++, e.feature(), e.kind(), e.importance(), e.spread(),
            importance.metric(), importance.repeats(), importance.rows()});
      }
      return Linq4j.asEnumerable(rows);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }
}
