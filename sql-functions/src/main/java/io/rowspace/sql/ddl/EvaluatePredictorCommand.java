package io.rowspace.sql.ddl;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.predictor.LabelledPredictions;
import io.rowspace.engine.predictor.PredictorMetrics;
import io.rowspace.engine.predictor.Task;
import io.rowspace.engine.predictor.train.BaselineModels;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;
import io.rowspace.multitable.RowReader;
import io.rowspace.planner.PlanStep;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.error.EngineErrors;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.function.LabelledRows;
import io.rowspace.sql.parser.SqlEvaluatePredictor;
import io.rowspace.sql.parser.SqlOption;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.h2.tools.SimpleResultSet;

/**
 * Executes {@code EVALUATE PREDICTOR p ON table | (query) [WITH (baselines = true)]}: the
 * predictor's metrics on the labelled rows (target not NULL) of a table or query, one row per
 * model: the predictor first, then, with {@code baselines = true}, a logistic (classification)
 * or linear (regression) regression and boosted trees trained on the predictor's training rows'
 * raw root columns ({@link BaselineModels}) and measured on the same rows. Columns:
 * {@code model, kind, rows, auc, accuracy, f1, log_loss, calibration_error, rmse, mae, r2,
 * interval_coverage}; a metric that does not apply to the task is NULL.
 */
final class EvaluatePredictorCommand {
  private static final List<String> METRICS = List.of("auc", "accuracy", "f1", "log_loss",
      "calibration_error", "rmse", "mae", "r2", "interval_coverage");

  private final SqlEvaluatePredictor statement;
  private final StatementContext context;

  EvaluatePredictorCommand(SqlEvaluatePredictor statement, StatementContext context) {
    this.statement = statement;
    this.context = context;
  }

  StatementResult execute() throws SQLException {
    boolean baselines = baselinesOption();
    RowspaceSession session = context.session();
    Catalog catalog = session.catalog();
    String name = ObjectNames.modelName(statement.name(), "a predictor");
    PredictorRecord record = catalog.predictors().find(name).orElseThrow(
        () -> unknown(catalog, name));
    BoundPredictor bound = BoundPredictor.load(session, record);
    String sql;
    String source;
    if (statement.source() instanceof SqlIdentifier table) {
      TableInfo info = ObjectNames.table(session, context.connection(), table);
      sql = new TrainingPlanner(session.dialect()).select(info, info.columnNames());
      source = "table " + info.qualifiedName();
    } else {
      sql = statement.source().toSqlString(session.dialect()).getSql();
      source = "the query";
    }
    List<BaselineModels.Baseline> trained = baselines ? baselines(bound) : List.of();
    LabelledRows rows = LabelledRows.read(bound, context.connection(), sql, source, trained,
        context.cancelled());
    Task task = bound.predictor().task();
    SimpleResultSet result = new SimpleResultSet();
    result.addColumn(fold("model"), Types.VARCHAR, 256, 0);
    result.addColumn(fold("kind"), Types.VARCHAR, 16, 0);
    result.addColumn(fold("rows"), Types.BIGINT, 19, 0);
    for (String metric : METRICS) {
      result.addColumn(fold(metric), Types.DOUBLE, 17, 0);
    }
    LabelledPredictions measured = rows.measured(bound);
    result.addRow(row(record.name(), "predictor", measured));
    for (BaselineModels.Baseline b : trained) {
      LabelledPredictions theirs = LabelledPredictions.of(bound.predictor(), b.threshold(),
          rows.baselinePredictions().get(b.name()), rows.targets());
      result.addRow(row(baselineName(b.name(), task), "baseline", theirs));
    }
    if (rows.unlabelled() > 0) {
      context.warn(rows.unlabelled() + " row(s) of " + source + " have NULL in "
          + record.target() + " and were not evaluated.");
    }
    if (!measured.unknownLabels().isEmpty()) {
      context.warn(measured.unknownLabels().values().stream().mapToInt(Integer::intValue).sum()
          + " row(s) hold values of " + record.target() + " the predictor never saw in "
          + "training (" + String.join(", ", measured.unknownLabels().keySet()) + ") and were "
          + "not evaluated.");
    }
    return StatementResult.rows(result);
  }

  private Object[] row(String model, String kind, LabelledPredictions measured) {
    PredictorMetrics m = measured.metrics();
    double[] values = {m.auc(), m.accuracy(), m.f1(), m.logLoss(), m.calibrationError(),
        m.rmse(), m.mae(), m.r2(), m.intervalCoverage()};
    Object[] row = new Object[3 + values.length];
    row[0] = model;
    row[1] = kind;
    row[2] = (long) measured.rows();
    for (int i = 0; i < values.length; i++) {
      row[3 + i] = Double.isNaN(values[i]) ? null : values[i];
    }
    return row;
  }

  private static String baselineName(String member, Task task) {
    if (member.equals("linear")) {
      return task == Task.REGRESSION ? "linear_regression" : "logistic_regression";
    }
    return member;
  }

  /** Trains the baselines on the predictor's training rows, its space's root table as it is. */
  private List<BaselineModels.Baseline> baselines(BoundPredictor bound) throws SQLException {
    RowspaceSession session = context.session();
    TableInfo root = ObjectNames.storedTable(session, context.connection(),
        bound.spaceRecord().rootSchema(), bound.spaceRecord().rootTable());
    String sql = new TrainingPlanner(session.dialect()).select(root, root.columnNames());
    Frame rows = new RowReader(context.connection()).read(
        new PlanStep(root.name(), PlanStep.Role.ROOT, root.columns(), sql), 0,
        context.cancelled());
    try {
      return BaselineModels.train(bound.predictor(), bound.space().columns(), rows,
          context.cancelled());
    } catch (EngineException e) {
      throw EngineErrors.translate(e, "EVALUATE PREDICTOR " + bound.record().name());
    }
  }

  private boolean baselinesOption() throws SQLException {
    Boolean baselines = null;
    for (SqlOption option : statement.options()) {
      String value = option.valueAsString().toLowerCase(Locale.ROOT);
      if (!option.key().equals("baselines")) {
        throw ErrorCode.NOT_AN_EVALUATE_OPTION.exception(option.key());
      }
      if (baselines != null) {
        throw ErrorCode.OPTION_TWICE.exception("baselines");
      }
      if (!value.equals("true") && !value.equals("false")) {
        throw ErrorCode.OPTION_NOT_BOOLEAN.exception("baselines", option.valueAsString());
      }
      baselines = value.equals("true");
    }
    return baselines != null && baselines;
  }

  private String fold(String column) {
    return context.session().database().fold(column);
  }

  private static SQLException unknown(Catalog catalog, String name) {
    try {
      return RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
    } catch (SQLException e) {
      return e;
    }
  }
}
