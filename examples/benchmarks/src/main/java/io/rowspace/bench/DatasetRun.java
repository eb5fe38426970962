package io.rowspace.bench;

import static io.rowspace.bench.Measurements.processCpuNanos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rowspace.testsupport.LogisticRegression;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One data set benchmarked: loaded into an in-memory H2 database behind the Rowspace driver,
 * split, learned by Rowspace through SQL, then by XGBoost and a linear model on the same training
 * rows, all scored on the same held-out rows.
 */
final class DatasetRun {
  /**
   * System property with options for {@code CREATE PREDICTOR}, as written inside its
   * {@code WITH (...)}, e.g. {@code -Drowspace.bench.predictorOptions="fine_tune = 'auto'"};
   * default: none.
   */
  static final String PREDICTOR_OPTIONS = "rowspace.bench.predictorOptions";

  /** The L2 penalty of both linear models, on standardised inputs. */
  static final double LINEAR_L2 = 1.0;
  private static final int CALIBRATION_BINS = 10;

  private final SharedDataset dataset;
  private final PrintStream log;
  private final List<String> notes = new ArrayList<>();
  private final String spaceOptions;

  /**
   * @param spaceOptions the options of {@code CREATE EMBEDDING SPACE}, as inside its
   *     {@code WITH (...)}; empty for the defaults
   */
  DatasetRun(SharedDataset dataset, PrintStream log, String spaceOptions) {
    this.dataset = dataset;
    this.log = log;
    this.spaceOptions = spaceOptions;
  }

  /** Held-out rows as Rowspace scored them, by {@code id}. */
  private record Scored(Map<Long, String> labels, Map<Long, Double> values,
      Map<Long, Double> probabilities) {
  }

  /**
   * {@code -Drowspace.bench.spaceWithoutTarget=true} leaves the target column out of the space, to
   * compare with a space that learned from it.
   */
  static final String SPACE_WITHOUT_TARGET = "rowspace.bench.spaceWithoutTarget";

  DatasetResult run() throws SQLException, IOException, XGBoostError {
    String url = "jdbc:rowspace:h2:mem:bench_" + dataset.name();
    try (Connection connection = DriverManager.getConnection(url);
         MemoryPeaks peaks = MemoryPeaks.start()) {
      String target = dataset.target();
      String loadBefore = MemoryPeaks.loadAverage();
      step("loading " + dataset.root() + ".csv");
      int rows = dataset.load(connection);
      int trainingRows = count(connection, dataset.trainingTable());
      step(rows + " rows: " + trainingRows + " training, " + (rows - trainingRows) + " held out");
      String positive = dataset.task() == Task.BINARY ? minorityLabel(connection) : null;

      boolean withoutTarget = Boolean.getBoolean(SPACE_WITHOUT_TARGET);
      if (withoutTarget) {
        notes.add("space without the target column (EXCLUDE COLUMNS)");
      }
      double spaceSeconds = train(connection, "CREATE EMBEDDING SPACE " + dataset.spaceName()
          + " ON " + dataset.trainingTable()
          + (withoutTarget ? " EXCLUDE COLUMNS (" + target + ")" : "")
          + (spaceOptions.isEmpty() ? "" : " WITH (" + spaceOptions + ")"));
      String with = System.getProperty(PREDICTOR_OPTIONS, "").isBlank() ? ""
          : " WITH (" + System.getProperty(PREDICTOR_OPTIONS) + ")";
      if (!with.isEmpty()) {
        notes.add("predictor options: " + with.trim());
      }
      double predictorSeconds = train(connection, "CREATE PREDICTOR " + dataset.predictorName()
          + " ON EMBEDDING SPACE " + dataset.spaceName() + " TARGET " + target + with);
      noteExcludedColumns(connection);
      logPredictorOptions(connection);
      long start = System.nanoTime();
      Scored scored = predict(connection, positive);
      double predictSeconds = seconds(start);
      step(String.format(Locale.ROOT, "held-out rows scored in %.1f s", predictSeconds));
      double coverage = dataset.task() == Task.REGRESSION ? intervalCoverage(connection)
          : Double.NaN;
      long heapPeak = peaks.heapPeakBytes();
      long residentPeak = MemoryPeaks.residentPeakBytes();
      notes.add("machine load average (1, 5, 15 min) before: " + loadBefore + ", after Rowspace: "
          + MemoryPeaks.loadAverage());

      LabeledRows training = LabeledRows.read(connection, dataset, dataset.trainingTable());
      LabeledRows heldOut = LabeledRows.read(connection, dataset, dataset.heldOutTable());
      List<SharedDataset.Column> features = dataset.featureColumns();
      boolean[] categorical = new boolean[features.size()];
      for (int c = 0; c < categorical.length; c++) {
        categorical[c] = features.get(c).categorical();
      }
      TabularEncoding encoding = TabularEncoding.fit(categorical, training.features());
      Baselines baselines = dataset.task().isClassification()
          ? classify(encoding, training, heldOut, positive)
          : regress(encoding, training, heldOut);
      double ours;
      double calibration = Double.NaN;
      switch (dataset.task()) {
        case BINARY: {
          double[] p = new double[heldOut.size()];
          boolean[] isPositive = new boolean[heldOut.size()];
          for (int i = 0; i < p.length; i++) {
            p[i] = scored.probabilities().getOrDefault(heldOut.ids()[i], Double.NaN);
            isPositive[i] = positive.equals(heldOut.labels()[i]);
          }
          ours = Metrics.areaUnderCurve(p, isPositive);
          calibration = Metrics.expectedCalibrationError(p, isPositive, CALIBRATION_BINS);
          break;
        }
        case MULTICLASS: {
          String[] predicted = new String[heldOut.size()];
          double[] p = new double[heldOut.size()];
          boolean[] correct = new boolean[heldOut.size()];
          for (int i = 0; i < predicted.length; i++) {
            predicted[i] = scored.labels().get(heldOut.ids()[i]);
            p[i] = scored.probabilities().getOrDefault(heldOut.ids()[i], Double.NaN);
            correct[i] = heldOut.labels()[i].equals(predicted[i]);
          }
          ours = Metrics.accuracy(predicted, heldOut.labels());
          calibration = Metrics.expectedCalibrationError(p, correct, CALIBRATION_BINS);
          break;
        }
        default: {
          double[] predicted = new double[heldOut.size()];
          for (int i = 0; i < predicted.length; i++) {
            predicted[i] = scored.values().getOrDefault(heldOut.ids()[i], Double.NaN);
          }
          ours = Metrics.rootMeanSquaredError(predicted, heldOut.values());
          break;
        }
      }
      step(String.format(Locale.ROOT, "%s: Rowspace %.4f, XGBoost %.4f, linear %.4f",
          dataset.task().metric(), ours, baselines.xgboost(), baselines.linear()));
      return new DatasetResult(dataset.name(), dataset.task().label(), dataset.task().metric(),
          trainingRows, heldOut.size(), positive, ours, baselines.xgboost(), baselines.linear(),
          calibration, coverage, spaceSeconds, predictorSeconds, predictSeconds,
          baselines.xgboostSeconds(), baselines.linearSeconds(), heapPeak, residentPeak,
          List.copyOf(notes));
    }
  }

  private record Baselines(double xgboost, double linear, double xgboostSeconds,
      double linearSeconds) {
  }

  private Baselines classify(TabularEncoding encoding, LabeledRows training, LabeledRows heldOut,
      String positive) throws XGBoostError {
    List<String> classes = new ArrayList<>(new TreeSet<>(List.of(training.labels())));
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < classes.size(); k++) {
      index.put(classes.get(k), k);
    }
    int[] y = new int[training.size()];
    float[] yFloat = new float[training.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = index.get(training.labels()[i]);
      yFloat[i] = y[i];
    }
    step("XGBoost, " + GradientBoostedTrees.ROUNDS + " rounds on " + encoding.width() + " inputs");
    GradientBoostedTrees.Fit boosted = GradientBoostedTrees.trainAndPredict(dataset.task(),
        classes.size(), encoding.rawRows(training.features()), training.size(), encoding.width(),
        yFloat, encoding.rawRows(heldOut.features()), heldOut.size());
    step("logistic regression");
    long start = System.nanoTime();
    LogisticRegression logistic = LogisticRegression.fit(
        encoding.standardisedRows(training.features()), y, classes.size(), LINEAR_L2);
    double linearSeconds = seconds(start);
    double[][] linearProbabilities = new double[heldOut.size()][];
    for (int i = 0; i < heldOut.size(); i++) {
      linearProbabilities[i] = logistic.probabilities(encoding.standardised(heldOut.features()[i]));
    }
    if (dataset.task() == Task.BINARY) {
      int positiveIndex = index.get(positive);
      boolean[] isPositive = new boolean[heldOut.size()];
      double[] boostedScores = new double[heldOut.size()];
      double[] linearScores = new double[heldOut.size()];
      for (int i = 0; i < heldOut.size(); i++) {
        isPositive[i] = positive.equals(heldOut.labels()[i]);
        double classOne = boosted.outputs()[i][0];
        boostedScores[i] = positiveIndex == 1 ? classOne : 1 - classOne;
        linearScores[i] = linearProbabilities[i][positiveIndex];
      }
      return new Baselines(Metrics.areaUnderCurve(boostedScores, isPositive),
          Metrics.areaUnderCurve(linearScores, isPositive), boosted.seconds(), linearSeconds);
    }
    String[] boostedLabels = new String[heldOut.size()];
    String[] linearLabels = new String[heldOut.size()];
    for (int i = 0; i < heldOut.size(); i++) {
      boostedLabels[i] = classes.get(argMax(boosted.outputs()[i]));
      linearLabels[i] = classes.get(argMax(linearProbabilities[i]));
    }
    return new Baselines(Metrics.accuracy(boostedLabels, heldOut.labels()),
        Metrics.accuracy(linearLabels, heldOut.labels()), boosted.seconds(), linearSeconds);
  }

  private Baselines regress(TabularEncoding encoding, LabeledRows training, LabeledRows heldOut)
      throws XGBoostError {
    float[] y = new float[training.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) training.values()[i];
    }
    step("XGBoost, " + GradientBoostedTrees.ROUNDS + " rounds on " + encoding.width() + " inputs");
    GradientBoostedTrees.Fit boosted = GradientBoostedTrees.trainAndPredict(Task.REGRESSION, 0,
        encoding.rawRows(training.features()), training.size(), encoding.width(), y,
        encoding.rawRows(heldOut.features()), heldOut.size());
    step("ridge regression");
    long start = System.nanoTime();
    RidgeRegression ridge = RidgeRegression.fit(encoding.standardisedRows(training.features()),
        training.values(), LINEAR_L2);
    double linearSeconds = seconds(start);
    double[] boostedPredictions = new double[heldOut.size()];
    double[] linearPredictions = new double[heldOut.size()];
    for (int i = 0; i < heldOut.size(); i++) {
      boostedPredictions[i] = boosted.outputs()[i][0];
      linearPredictions[i] = ridge.predict(encoding.standardised(heldOut.features()[i]));
    }
    return new Baselines(Metrics.rootMeanSquaredError(boostedPredictions, heldOut.values()),
        Metrics.rootMeanSquaredError(linearPredictions, heldOut.values()), boosted.seconds(),
        linearSeconds);
  }

  /** The index of the largest value, the first on ties. */
  static int argMax(float[] values) {
    int best = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[best]) {
        best = k;
      }
    }
    return best;
  }

  /** The index of the largest value, the first on ties. */
  static int argMax(double[] values) {
    int best = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[best]) {
        best = k;
      }
    }
    return best;
  }

  /** Runs a training statement, logs its warnings and returns its wall-clock seconds. */
  private double train(Connection connection, String sql) throws SQLException {
    step(sql);
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
      double seconds = seconds(start);
      // Process CPU time (every thread, PyTorch's included) is comparable under another load.
      step(String.format(Locale.ROOT, "done in %.1f s (process CPU %.1f s)", seconds,
          (processCpuNanos() - cpuStart) / 1e9));
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        log.println("    warning: " + w.getMessage());
        notes.add(w.getMessage());
      }
      return seconds;
    }
  }

  /** Logs the options the predictor recorded (its blend's shares and the candidates' scores). */
  private void logPredictorOptions(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT options FROM ROWSPACE.PREDICTORS WHERE name = '"
             + dataset.predictorName().toUpperCase(Locale.ROOT) + "'")) {
      if (rs.next()) {
        log.println("    predictor options: " + rs.getString(1));
      }
    }
  }

  private Scored predict(Connection connection, String positive) throws SQLException {
    String predictor = "'" + dataset.predictorName() + "'";
    String probability = switch (dataset.task()) {
      case BINARY -> ", PREDICT_PROBA(" + predictor + ", '" + positive.replace("'", "''") + "')";
      case MULTICLASS -> ", PREDICT_PROBA(" + predictor + ")";
      default -> "";
    };
    String sql = "SELECT id, " + dataset.target() + ", PREDICT(" + predictor + ")" + probability
        + " FROM " + dataset.heldOutTable() + " ORDER BY id";
    step(sql);
    Map<Long, String> labels = new HashMap<>();
    Map<Long, Double> values = new HashMap<>();
    Map<Long, Double> probabilities = new HashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        long id = rs.getLong(1);
        if (dataset.task().isClassification()) {
          labels.put(id, rs.getString(3));
          double p = rs.getDouble(4);
          probabilities.put(id, rs.wasNull() ? Double.NaN : p);
        } else {
          double v = rs.getDouble(3);
          values.put(id, rs.wasNull() ? Double.NaN : v);
        }
      }
    }
    return new Scored(labels, values, probabilities);
  }

  /**
   * The share of held-out rows whose target lies in the {@code confidence_interval} of
   * {@code PREDICT_DETAILS}; NaN, with a note, if the predictor gives no interval.
   */
  private double intervalCoverage(Connection connection) {
    String sql = "SELECT " + dataset.target() + ", PREDICT_DETAILS('" + dataset.predictorName()
        + "') FROM " + dataset.heldOutTable() + " WHERE " + dataset.target()
        + " IS NOT NULL ORDER BY id";
    step(sql);
    long start = System.nanoTime();
    ObjectMapper json = new ObjectMapper();
    long inside = 0;
    long rows = 0;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        double actual = rs.getDouble(1);
        JsonNode interval = json.readTree(rs.getString(2)).path("confidence_interval");
        if (!interval.isArray() || interval.size() != 2) {
          notes.add("PREDICT_DETAILS gives no confidence_interval, so no interval coverage");
          return Double.NaN;
        }
        rows++;
        if (actual >= interval.get(0).asDouble() && actual <= interval.get(1).asDouble()) {
          inside++;
        }
      }
    } catch (SQLException | IOException e) {
      notes.add("PREDICT_DETAILS failed: " + e.getMessage());
      return Double.NaN;
    }
    step(String.format(Locale.ROOT, "details of %d rows in %.1f s", rows, seconds(start)));
    return rows == 0 ? Double.NaN : (double) inside / rows;
  }

  private void noteExcludedColumns(Connection connection) {
    String sql = "SELECT column_name, reason FROM ROWSPACE.SPACE_COLUMNS WHERE UPPER(space) = '"
        + dataset.spaceName().toUpperCase(Locale.ROOT) + "' AND status = 'EXCLUDED' "
        + "ORDER BY column_name";
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      List<String> excluded = new ArrayList<>();
      while (rs.next()) {
        excluded.add(rs.getString(1) + " (" + rs.getString(2) + ")");
      }
      String note = "excluded columns: " + (excluded.isEmpty() ? "none" : String.join(", ", excluded));
      log.println("    " + note);
      notes.add(note);
    } catch (SQLException e) {
      notes.add("could not read ROWSPACE.SPACE_COLUMNS: " + e.getMessage());
    }
  }

  private String minorityLabel(Connection connection) throws SQLException {
    String target = dataset.target();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT " + target + ", COUNT(*) AS n FROM "
             + dataset.trainingTable() + " WHERE " + target + " IS NOT NULL GROUP BY " + target
             + " ORDER BY n, " + target)) {
      if (!rs.next()) {
        throw new SQLException("The training table " + dataset.trainingTable()
            + " has no rows with a " + target);
      }
      return rs.getString(1);
    }
  }

  private static int count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void step(String message) {
    log.println("[" + dataset.name() + "] " + message);
    log.flush();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
