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
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
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

  /** Called by Calcite, after rewriting, with the session id first. */
  public static ScannableTable featureImportance(String sessionId, String predictor) {
    try {
      RowspaceSession session = RowspaceSession.byId(sessionId);
      BoundPredictor bound = LabelledRows.bind(session, predictor);
      GlobalImportance importance = bound.predictor().globalImportance().orElseThrow(
          () -> RowspaceErrors.importanceNotMeasured(bound.record().name(),
              bound.record().space(), bound.record().target()));
      return new ImportanceTable(session, importance);
    } catch (SQLException e) {
      throw new RowspaceRuntimeException(e);
    }
  }

  private static final class ImportanceTable extends AbstractTable implements ScannableTable {
    private final RowspaceSession session;
    private final GlobalImportance importance;

    ImportanceTable(RowspaceSession session, GlobalImportance importance) {
      this.session = session;
      this.importance = importance;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder row = typeFactory.builder();
      row.add(fold("rank"), SqlTypeName.INTEGER);
      row.add(fold("feature"), SqlTypeName.VARCHAR);
      row.add(fold("kind"), SqlTypeName.VARCHAR);
      row.add(fold("importance"), SqlTypeName.DOUBLE);
      row.add(fold("spread"), SqlTypeName.DOUBLE);
      row.add(fold("metric"), SqlTypeName.VARCHAR);
      row.add(fold("repeats"), SqlTypeName.INTEGER);
      row.add(fold("validation_rows"), SqlTypeName.INTEGER);
      return row.build();
    }

    private String fold(String name) {
      return session.database().fold(name);
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      List<Object[]> rows = new ArrayList<>();
      int rank = 1;
      for (GlobalImportance.Entry e : importance.entries()) {
        rows.add(new Object[] {rank++, e.feature(), e.kind(), e.importance(), e.spread(),
            importance.metric(), importance.repeats(), importance.rows()});
      }
      return Linq4j.asEnumerable(rows);
    }
  }
}
