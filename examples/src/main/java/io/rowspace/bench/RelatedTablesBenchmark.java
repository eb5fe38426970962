package io.rowspace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A space over a root table and its related table against the root alone and against XGBoost
 * and logistic regression on hand-written aggregate features, on {@code datasets/psid}:
 * {@code persons} (root, target {@code gender}) and {@code person_years} (7 rows per person).
 *
 * <p>Split: persons whose {@code MOD(person_id * 7919, 5) = 0} are held out. Rowspace trains on a
 * view of the other persons and reaches {@code person_years} through {@code INCLUDE
 * (person_years VIA person_id)}; held-out persons are scored with {@code PREDICT_PROBA} on a view
 * of them, their yearly rows read at query time. The baselines get, per person, the root columns
 * plus means, minima, maxima and shares of {@code person_years} written by hand in SQL.
 *
 * <p>Run: {@code java -cp "$(cat examples/target/classpath.txt):examples/target/classes"
 * io.rowspace.bench.RelatedTablesBenchmark}; {@code -Drowspace.bench.predictorOptions="k = v, ..."}
 * gives the predictors options. Prints a table and writes it under
 * {@code examples/target/benchmarks}.
 */
public final class RelatedTablesBenchmark {
  private static final String HELD_OUT = "MOD(person_id * 7919, 5) = 0";
  private static final String POSITIVE = "female";

  private RelatedTablesBenchmark() {
  }

  /** One row of the result table. */
  record Line(String model, double auc, double seconds, String notes) {
  }

  public static void main(String[] args) throws Exception {
    Path psid = DatasetBenchmark.datasetsFolder(null, DatasetBenchmark.repositoryRoot())
        .resolve("psid");
    List<Line> lines = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:psid_related");
         MemoryPeaks peaks = MemoryPeaks.start()) {
      load(c, psid);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE VIEW persons_train AS SELECT * FROM persons WHERE NOT (" + HELD_OUT
            + ")");
        s.execute("CREATE VIEW persons_test AS SELECT * FROM persons WHERE " + HELD_OUT);
      }
      Map<Long, Boolean> truth = truth(c);
      lines.add(rowspace(c, "Rowspace, persons + person_years", "psid_related",
          "INCLUDE (person_years VIA person_id)", truth));
      lines.add(rowspace(c, "Rowspace, persons alone", "psid_root", "INCLUDE NO RELATED TABLES",
          truth));
      lines.addAll(baselines(c, truth));
      System.err.printf(Locale.ROOT, "peak heap %.0f MB, peak resident %.0f MB%n",
          peaks.heapPeakBytes() / 1e6, MemoryPeaks.residentPeakBytes() / 1e6);
    }
    StringBuilder table = new StringBuilder("| model | held-out AUC | seconds | notes |\n"
        + "|---|---|---|---|\n");
    for (Line l : lines) {
      table.append(String.format(Locale.ROOT, "| %s | %.4f | %.1f | %s |%n", l.model(), l.auc(),
          l.seconds(), l.notes()));
    }
    System.out.println(table);
    Path folder = DatasetBenchmark.repositoryRoot().resolve("examples").resolve("target")
        .resolve("benchmarks");
    Files.createDirectories(folder);
    Path file = folder.resolve("related-tables-" + LocalDate.now(ZoneOffset.UTC) + ".md");
    Files.writeString(file, "# psid: persons with person_years, " + LocalDate.now(ZoneOffset.UTC)
        + "\n\nHeld out: " + HELD_OUT + ". Target gender, positive '" + POSITIVE + "'.\n\n"
        + table, StandardCharsets.UTF_8);
    System.err.println("written to " + file);
  }

  private static void load(Connection c, Path psid) throws IOException, SQLException {
    // Comment lines first (they may hold semicolons), then one statement per semicolon.
    String ddl = Files.readAllLines(psid.resolve("schema.sql"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
    try (Statement s = c.createStatement()) {
      for (String statement : ddl.split(";")) {
        String sql = statement.strip();
        if (!sql.isEmpty()) {
          s.execute(sql);
        }
      }
      for (String table : List.of("persons", "person_years")) {
        s.executeUpdate("INSERT INTO " + table + " SELECT * FROM CSVREAD('"
            + psid.resolve(table + ".csv").toAbsolutePath().toString().replace("'", "''") + "')");
      }
    }
  }

  private static Map<Long, Boolean> truth(Connection c) throws SQLException {
    Map<Long, Boolean> truth = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT person_id, gender FROM persons_test ORDER BY 1")) {
      while (rs.next()) {
        truth.put(rs.getLong(1), POSITIVE.equals(rs.getString(2)));
      }
    }
    return truth;
  }

  private static Line rowspace(Connection c, String model, String space, String include,
      Map<Long, Boolean> truth) throws SQLException {
    long started = System.nanoTime();
    String notes;
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE EMBEDDING SPACE " + space + " ON persons_train " + include);
      double spaceSeconds = (System.nanoTime() - started) / 1e9;
      String options = System.getProperty("rowspace.bench.predictorOptions", "").strip();
      s.executeUpdate("CREATE PREDICTOR " + space + "_gender ON " + space + " TARGET gender"
          + (options.isEmpty() ? "" : " WITH (" + options + ")"));
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        System.err.println("    warning: " + w.getMessage());
      }
      notes = String.format(Locale.ROOT, "space %.1f s", spaceSeconds)
          + (options.isEmpty() ? "" : "; predictor WITH (" + options + ")");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] p = new double[truth.size()];
    boolean[] positive = new boolean[truth.size()];
    int i = 0;
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT person_id, PREDICT_PROBA('" + space
             + "_gender', '" + POSITIVE + "') FROM persons_test ORDER BY person_id")) {
      while (rs.next()) {
        p[i] = rs.getDouble(2);
        positive[i] = truth.get(rs.getLong(1));
        i++;
      }
    }
    return new Line(model, Metrics.areaUnderCurve(p, positive), seconds, notes);
  }

  /** Per person: root columns, then aggregates of person_years written by hand. */
  private static final String FEATURES = "SELECT p.person_id, p.gender, "
      + "CASE WHEN p.ethnicity = 'afam' THEN 1 ELSE 0 END, p.education, "
      + "AVG(y.experience), MAX(y.experience), AVG(y.weeks), MIN(y.weeks), "
      + "AVG(CAST(y.wage AS DOUBLE PRECISION)), MIN(y.wage), MAX(y.wage), "
      + "STDDEV_POP(y.wage), "
      + "AVG(CASE WHEN y.occupation = 'white' THEN 1.0 ELSE 0 END), "
      + "AVG(CASE WHEN y.industry = 'yes' THEN 1.0 ELSE 0 END), "
      + "AVG(CASE WHEN y.south = 'yes' THEN 1.0 ELSE 0 END), "
      + "AVG(CASE WHEN y.smsa = 'yes' THEN 1.0 ELSE 0 END), "
      + "AVG(CASE WHEN y.married = 'yes' THEN 1.0 ELSE 0 END), "
      + "AVG(CASE WHEN y.union_member = 'yes' THEN 1.0 ELSE 0 END), COUNT(*) "
      + "FROM %s p JOIN person_years y ON y.person_id = p.person_id "
      + "GROUP BY p.person_id, p.gender, p.ethnicity, p.education ORDER BY p.person_id";
  private static final int FIRST_FEATURE = 3;
  private static final int ROOT_FEATURES = 2;

  private static List<Line> baselines(Connection c, Map<Long, Boolean> truth)
      throws SQLException, XGBoostError {
    double[][] train = features(c, "persons_train");
    double[][] test = features(c, "persons_test");
    List<Line> lines = new ArrayList<>();
    lines.add(boosted("XGBoost, hand-written aggregates", train, test, -1, truth));
    lines.add(logistic("logistic regression, hand-written aggregates", train, test, -1, truth));
    lines.add(boosted("XGBoost, persons alone", train, test, ROOT_FEATURES, truth));
    lines.add(logistic("logistic regression, persons alone", train, test, ROOT_FEATURES, truth));
    return lines;
  }

  /** Rows of {@code [label (1 = positive), feature...]}; baselines read their columns. */
  private static double[][] features(Connection c, String persons) throws SQLException {
    List<double[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(String.format(Locale.ROOT, FEATURES, persons))) {
      int width = rs.getMetaData().getColumnCount() - FIRST_FEATURE + 1;
      while (rs.next()) {
        double[] row = new double[width + 1];
        row[0] = POSITIVE.equals(rs.getString(2)) ? 1 : 0;
        for (int j = 0; j < width; j++) {
          row[j + 1] = rs.getDouble(FIRST_FEATURE + j);
        }
        rows.add(row);
      }
    }
    return rows.toArray(new double[0][]);
  }

  private static Line boosted(String model, double[][] train, double[][] test, int width,
      Map<Long, Boolean> truth) throws XGBoostError {
    int w = width < 0 ? train[0].length - 1 : width;
    float[] x = new float[train.length * w];
    float[] y = new float[train.length];
    for (int i = 0; i < train.length; i++) {
      y[i] = (float) train[i][0];
      for (int j = 0; j < w; j++) {
        x[i * w + j] = (float) train[i][j + 1];
      }
    }
    float[] t = new float[test.length * w];
    for (int i = 0; i < test.length; i++) {
      for (int j = 0; j < w; j++) {
        t[i * w + j] = (float) test[i][j + 1];
      }
    }
    GradientBoostedTrees.Fit fit = GradientBoostedTrees.trainAndPredict(Task.BINARY, 2, x,
        train.length, w, y, t, test.length);
    double[] p = new double[test.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = fit.outputs()[i][0];
    }
    return new Line(model, Metrics.areaUnderCurve(p, labels(test)), fit.seconds(),
        w + " inputs");
  }

  private static Line logistic(String model, double[][] train, double[][] test, int width,
      Map<Long, Boolean> truth) {
    long started = System.nanoTime();
    int w = width < 0 ? train[0].length - 1 : width;
    double[] mean = new double[w];
    double[] std = new double[w];
    for (int j = 0; j < w; j++) {
      for (double[] row : train) {
        mean[j] += row[j + 1] / train.length;
      }
      for (double[] row : train) {
        std[j] += Math.pow(row[j + 1] - mean[j], 2) / train.length;
      }
      std[j] = Math.sqrt(std[j]) + 1e-9;
    }
    double[][] x = new double[train.length][w];
    int[] y = new int[train.length];
    for (int i = 0; i < train.length; i++) {
      y[i] = (int) train[i][0];
      for (int j = 0; j < w; j++) {
        x[i][j] = (train[i][j + 1] - mean[j]) / std[j];
      }
    }
    LogisticRegression fit = LogisticRegression.fit(x, y, 2, DatasetRun.LINEAR_L2);
    double[] p = new double[test.length];
    for (int i = 0; i < test.length; i++) {
      double[] row = new double[w];
      for (int j = 0; j < w; j++) {
        row[j] = (test[i][j + 1] - mean[j]) / std[j];
      }
      p[i] = fit.probabilities(row)[1];
    }
    return new Line(model, Metrics.areaUnderCurve(p, labels(test)),
        (System.nanoTime() - started) / 1e9, w + " inputs");
  }

  private static boolean[] labels(double[][] rows) {
    boolean[] labels = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = rows[i][0] == 1;
    }
    return labels;
  }
}
