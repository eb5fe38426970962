package io.rowspace.sql.function;

import io.rowspace.engine.predictor.Prediction;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.RowspaceRuntimeException;
import io.rowspace.sql.plan.BatchEvaluation;
import io.rowspace.sql.session.BoundPredictor;
import io.rowspace.sql.session.BoundSpace;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The model calls of one operator of a query plan, evaluated over its input rows a batch at a
 * time (SPEC section 4: queries over many rows evaluate in batches). Rows stream through in their
 * order: the operator reads {@link #BATCH_ROWS} rows (fewer at the end), runs each model once on
 * the distinct inputs among them, and hands the rows on with one result appended per call. Only
 * one batch is held at a time, however many rows the query reads.
 *
 * <p>Calls of one predictor on the same inputs (say {@code PREDICT} and {@code PREDICT_PROBA})
 * share one prediction per row. Each execution starts by checking that its models are still the
 * current ones (a prepared query run after {@code CREATE OR REPLACE PREDICTOR} uses the new one).
 */
public final class ModelCallBatches implements BatchEvaluation {
  /** Rows per batch: large enough to amortise a model call, small enough to stream. */
  public static final int BATCH_ROWS = 1024;

  private final RowspaceSession session;
  private final List<ModelCall> calls;

  /**
   * @param session the connection that planned the calls, whose bound models they run; held
   *     here, the generated plan reaches it through this object
   * @param calls the calls, in the order of their result columns
   */
  public ModelCallBatches(RowspaceSession session, List<ModelCall> calls) {
    this.session = session;
    this.calls = List.copyOf(calls);
  }

  @Override public List<ModelCall> calls() {
    return calls;
  }

  /**
   * The rows with each call's result appended, in order; called by the generated plan. Before
   * each batch it stops if the statement was cancelled or ran past its query timeout.
   */
  @Override public Enumerable<Object[]> apply(Enumerable<Object[]> rows, DataContext context) {
    AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(context);
    Long timeoutMillis = DataContext.Variable.TIMEOUT.get(context);
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        long deadline = timeoutMillis == null || timeoutMillis <= 0 ? Long.MAX_VALUE
            : System.nanoTime() + timeoutMillis * 1_000_000L;
        BooleanSupplier stop = () -> cancelled != null && cancelled.get()
            || System.nanoTime() > deadline;
        return new BatchEnumerator(rows.enumerator(), stop);
      }
    };
  }

  /** The models of one execution, checked against the catalog when it starts. */
  private final class Models implements ModelLookup {
    private final Map<String, BoundPredictor> predictors = new HashMap<>();
    private final Map<String, BoundSpace> spaces = new HashMap<>();

    Models() throws SQLException {
      for (ModelCall call : calls) {
        if (call.function().usesPredictor()) {
          if (!predictors.containsKey(call.model())) {
            predictors.put(call.model(), session.currentPredictor(call.model()));
          }
        } else if (!spaces.containsKey(call.model())) {
          spaces.put(call.model(), session.currentSpace(call.model()));
        }
      }
    }

    @Override public BoundPredictor predictor(String name) {
      return predictors.get(name);
    }

    @Override public BoundSpace space(String name) {
      return spaces.get(name);
    }
  }

  /** Where an evaluation finds the models its calls name. */
  interface ModelLookup {
    BoundPredictor predictor(String name) throws SQLException;

    BoundSpace space(String name) throws SQLException;
  }

  /** Reads a batch ahead of the rows it returns. */
  private final class BatchEnumerator implements Enumerator<Object[]> {
    private final Enumerator<Object[]> input;
    private final BooleanSupplier stop;
    private Models models;
    private List<Object[]> batch = List.of();
    private int position = -1;
    private boolean inputDone;

    BatchEnumerator(Enumerator<Object[]> input, BooleanSupplier stop) {
      this.input = input;
      this.stop = stop;
    }

    @Override public Object[] current() {
      return batch.get(position);
    }

    @Override public boolean moveNext() {
      if (position + 1 < batch.size()) {
        position++;
        return true;
      }
      if (inputDone) {
        return false;
      }
      if (stop.getAsBoolean()) {
        throw new RowspaceRuntimeException(RowspaceErrors.cancelled("The query"));
      }
      List<Object[]> read = new ArrayList<>(BATCH_ROWS);
      while (read.size() < BATCH_ROWS) {
        if (!input.moveNext()) {
          inputDone = true;
          break;
        }
        read.add(input.current());
      }
      if (read.isEmpty()) {
        return false;
      }
      try {
        if (models == null) {
          models = new Models();
        }
        batch = evaluate(read, models);
      } catch (SQLException e) {
        throw new RowspaceRuntimeException(e);
      }
      position = 0;
      return true;
    }

    @Override public void reset() {
      input.reset();
      batch = List.of();
      position = -1;
      inputDone = false;
    }

    @Override public void close() {
      input.close();
    }
  }

  /** One batch: every call's results, appended to copies of the rows. */
  private List<Object[]> evaluate(List<Object[]> rows, Models models) throws SQLException {
    int width = rows.get(0).length;
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      out.add(Arrays.copyOf(row, width + calls.size()));
    }
    Map<String, Map<List<Object>, Prediction>> predictionsByModel = new HashMap<>();
    for (int c = 0; c < calls.size(); c++) {
      ModelCall call = calls.get(c);
      Object[] results = results(call, rows, models, predictionsByModel);
      for (int r = 0; r < rows.size(); r++) {
        out.get(r)[width + c] = results[r];
      }
    }
    return out;
  }

  /**
   * One call's results for rows holding its input values. The model sees each distinct tuple of
   * values once; calls of one predictor on the same columns share predictions through
   * {@code predictionsByModel}.
   */
  static Object[] results(ModelCall call, List<Object[]> rows, ModelLookup models,
      Map<String, Map<List<Object>, Prediction>> predictionsByModel) throws SQLException {
    // Distinct inputs, in first-seen order
    Map<List<Object>, Integer> distinct = new LinkedHashMap<>();
    int[] indexOfRow = new int[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      List<Object> values = call.values(rows.get(r));
      Integer index = distinct.putIfAbsent(values, distinct.size());
      indexOfRow[r] = index == null ? distinct.size() - 1 : index;
    }
    List<List<Object>> values = new ArrayList<>(distinct.keySet());
    Object[] byDistinct = new Object[values.size()];
    if (call.function() == ModelFunction.ANOMALY_SCORE) {
      BoundSpace space = models.space(call.model());
      AnomalyScoreFunction.scores(space, call, values).toArray(byDistinct);
    } else {
      BoundPredictor predictor = models.predictor(call.model());
      List<Prediction> predictions = predictions(predictor, call, values, predictionsByModel);
      switch (call.function()) {
      case PREDICT_LABEL:
        for (int i = 0; i < values.size(); i++) {
          byDistinct[i] = predictions.get(i).label();
        }
        break;
      case PREDICT_VALUE:
        for (int i = 0; i < values.size(); i++) {
          byDistinct[i] = predictions.get(i).value();
        }
        break;
      case PREDICT_PROBA:
        for (int i = 0; i < values.size(); i++) {
          byDistinct[i] = PredictFunctions.probability(predictor, predictions.get(i),
              call.label());
        }
        break;
      default:
        PredictFunctions.details(predictor, call, values, predictions).toArray(byDistinct);
        break;
      }
    }
    Object[] results = new Object[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      results[r] = byDistinct[indexOfRow[r]];
    }
    return results;
  }

  /** The predictions of the distinct inputs, computed once per predictor and input columns. */
  private static List<Prediction> predictions(BoundPredictor predictor, ModelCall call,
      List<List<Object>> values, Map<String, Map<List<Object>, Prediction>> predictionsByModel)
      throws SQLException {
    Map<List<Object>, Prediction> known = predictionsByModel.computeIfAbsent(
        call.model() + '\u0000' + call.columns() + '\u0000' + call.valueTypes(),
        k -> new HashMap<>());
    List<List<Object>> missing = new ArrayList<>();
    for (List<Object> value : values) {
      if (!known.containsKey(value)) {
        missing.add(value);
      }
    }
    if (!missing.isEmpty()) {
      List<Prediction> computed = PredictFunctions.predictions(predictor, call, missing);
      for (int i = 0; i < missing.size(); i++) {
        known.put(missing.get(i), computed.get(i));
      }
    }
    List<Prediction> predictions = new ArrayList<>(values.size());
    for (List<Object> value : values) {
      predictions.add(known.get(value));
    }
    return predictions;
  }
}
