package io.rowspace.bench;

import static io.rowspace.bench.Measurements.processCpuNanos;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.rowspace.datagen.ChurnShopGenerator;
import io.rowspace.datagen.RelatedDataGenerator;
import io.rowspace.datagen.TpchLoyaltyGenerator;
import io.rowspace.engine.predictor.LinearModel;
import io.rowspace.engine.trees.BoostingLoss;
import io.rowspace.testsupport.LogisticRegression;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A space over a root table and its related tables against XGBoost and logistic regression on
 * aggregates written by hand and synthesised automatically ({@link AggregateSynthesis}: deep
 * feature synthesis over two hops, written as SQL GROUP BYs), on the same held-out rows.
 *
 * <p>Data sets ({@code --sets}, default all):
 * <ul>
 *   <li>{@code psid}: {@code datasets/psid}, {@code persons} (target {@code gender}) with
 *       {@code person_years} (7 rows per person); also hand-written aggregates;
 *   <li>{@code churn}: {@link io.rowspace.datagen.ChurnShopGenerator}, a root with only key and
 *       target, churn from recency, returned orders and premium items behind a bridge;
 *   <li>{@code spender} and {@code gadget}: {@link io.rowspace.datagen.RelatedDataGenerator},
 *       a customer label from its orders' amounts (1:N) and from the products on its wish list
 *       (N:M bridge);
 *   <li>{@code tpch}: {@link io.rowspace.datagen.TpchLoyaltyGenerator}, TPC-H's customer ←
 *       orders ← lineitem → part, supplier at the scale factor that gives about N customers with
 *       orders, loyalty planted from recency, urgent orders and one manufacturer's share of the
 *       line items (two hops away).
 * </ul>
 *
 * <p>Split: root rows whose {@code MOD(key * 7919, 5) = 0} are held out. Rowspace trains on a view
 * of the other rows and reaches the related tables through {@code INCLUDE (child VIA key, ...)}
 * (a view has no declared keys); held-out rows are scored with {@code PREDICT_PROBA} on a view of
 * them, their related rows read at query time. Baselines are fitted on the same training rows.
 * The {@code EXPLAIN PLAN} of each space (its reads and the summaries each relation contributes)
 * goes to standard error.
 *
 * <p>Run: {@code java -cp "$(cat examples/target/classpath.txt):examples/target/classes"
 * io.rowspace.bench.RelatedTablesBenchmark [--sets psid,churn,spender,gadget,tpch] [--customers N]
 * [--root-alone] [--members]}; {@code --members} adds each member of the blend alone (network,
 * boosted trees, linear model: predictors on the same space with {@code trees = false, only,
 * linear}) and the engine's linear model fitted on the synthesised aggregates;
 * {@code -Drowspace.bench.predictorOptions="k = v, ..."} gives the predictors options;
 * {@code -Drowspace.bench.spaceWithoutTarget=true} leaves the target column out of the space
 * ({@code EXCLUDE COLUMNS}), to compare with a space that learned from it.
 * Prints a table and writes it under {@code examples/target/benchmarks}.
 */
public final class RelatedTablesBenchmark {
  private static final String HELD_OUT = "MOD(%s * 7919, 5) = 0";
  private static final String POSITIVE = "female";

  private RelatedTablesBenchmark() {
  }

  /** One row of the result table. */
  record Line(String set, String model, double auc, double seconds, String notes) {
  }

  /**
   * A data set: its root table, key and target, the tables Rowspace includes, and how to load
   * it into an empty database.
   */
  record DataSet(String name, String root, String key, String target, String positive,
      Set<String> labels, String include, Loader loader) {
    String heldOut() {
      return String.format(Locale.ROOT, HELD_OUT, key);
    }
  }

  /** Fills an empty database. */
  interface Loader {
    void load(Connection c) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    List<String> sets = List.of("psid", "churn", "spender", "gadget", "tpch");
    int customers = 1000;
    boolean rootAlone = false;
    boolean members = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sets" -> sets = List.of(args[++i].split(","));
        case "--customers" -> customers = Integer.parseInt(args[++i]);
        case "--root-alone" -> rootAlone = true;
        case "--members" -> members = true;
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]
            + ". Use --sets psid,churn,spender,gadget,tpch, --customers N, --root-alone, "
            + "--members.");
      }
    }
    Path psid = DatasetBenchmark.datasetsFolder(null, DatasetBenchmark.repositoryRoot())
        .resolve("psid");
    int n = customers;
    Map<String, DataSet> known = new LinkedHashMap<>();
    known.put("psid", new DataSet("psid", "PERSONS", "PERSON_ID", "gender", POSITIVE,
        Set.of("GENDER"), "INCLUDE (person_years VIA person_id)", c -> load(c, psid)));
    known.put("churn", new DataSet("churn", "CUSTOMERS", "CUSTOMER_ID", "churned", "yes",
        Set.of("CHURNED"), "INCLUDE (orders VIA customer_id, order_items, products)",
        c -> ChurnShopGenerator.allSignals(n, 42).write(c)));
    known.put("spender", new DataSet("spender", "CUSTOMERS", "CUSTOMER_ID", "big_spender",
        "yes", Set.of("BIG_SPENDER", "GADGET_FAN"), "INCLUDE (orders VIA customer_id, products)",
        c -> new RelatedDataGenerator(n, 30, 42).write(c)));
    known.put("gadget", new DataSet("gadget", "CUSTOMERS", "CUSTOMER_ID", "gadget_fan", "yes",
        Set.of("BIG_SPENDER", "GADGET_FAN"), "INCLUDE (wishlist VIA customer_id, products)",
        c -> new RelatedDataGenerator(n, 30, 42).write(c)));
    // TPC-H has 150,000 customers per unit of scale, two thirds of them with orders.
    double tpchScale = n / 100_000.0;
    known.put("tpch", new DataSet("tpch", "CUSTOMER", "C_CUSTKEY", "loyal", "yes",
        Set.of("LOYAL"), "INCLUDE (orders VIA o_custkey, lineitem, part, supplier)",
        c -> TpchLoyaltyGenerator.allSignals(tpchScale, 42).write(c)));
    List<Line> lines = new ArrayList<>();
    for (String name : sets) {
      DataSet set = known.get(name);
      if (set == null) {
        throw new IllegalArgumentException("Unknown data set " + name + "; known: "
            + known.keySet());
      }
      lines.addAll(run(set, rootAlone, members));
      System.err.println(table(lines));
    }
    String table = table(lines);
    System.out.println(table);
    Path folder = DatasetBenchmark.repositoryRoot().resolve("examples").resolve("target")
        .resolve("benchmarks");
    Files.createDirectories(folder);
    Path file = folder.resolve("related-tables-" + LocalDate.now(ZoneOffset.UTC) + ".md");
    Files.writeString(file, "# Related tables, " + LocalDate.now(ZoneOffset.UTC)
        + "\n\nHeld out: " + HELD_OUT + " of the root key; " + n + " generated customers.\n\n"
        + table, StandardCharsets.UTF_8);
    System.err.println("written to " + file);
  }

  private static String table(List<Line> lines) {
    StringBuilder table = new StringBuilder("| set | model | held-out AUC | seconds | notes |\n"
        + "|---|---|---|---|---|\n");
    for (Line l : lines) {
      table.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.1f | %s |%n", l.set(),
          l.model(), l.auc(), l.seconds(), l.notes()));
    }
    return table.toString();
  }

  private static List<Line> run(DataSet set, boolean rootAlone, boolean members)
      throws Exception {
    List<Line> lines = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:related_" + set.name
        + "_" + System.nanoTime());
         MemoryPeaks peaks = MemoryPeaks.start()) {
      set.loader.load(c);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE VIEW root_train AS SELECT * FROM " + set.root + " WHERE NOT ("
            + set.heldOut() + ")");
        s.execute("CREATE VIEW root_test AS SELECT * FROM " + set.root + " WHERE "
            + set.heldOut());
      }
      Map<Long, Boolean> truth = truth(c, set);
      lines.add(rowspace(c, set, "Rowspace, with related tables", set.name + "_related",
          set.include, truth));
      if (members) {
        for (String[] member : MEMBERS) {
          lines.add(member(c, set, set.name + "_related", member[0], member[1], truth));
        }
      }
      if (rootAlone) {
        lines.add(rowspace(c, set, "Rowspace, root alone", set.name + "_root",
            "INCLUDE NO RELATED TABLES", truth));
      }
      long started = System.nanoTime();
      AggregateSynthesis synthesis = new AggregateSynthesis(c, set.root, set.key, set.labels)
          .run();
      double synthesisSeconds = (System.nanoTime() - started) / 1e9;
      System.err.println(set.name + ": " + synthesis + ": " + synthesis.names());
      double[][] train = synthesised(synthesis, c, set, "root_train");
      double[][] test = synthesised(synthesis, c, set, "root_test");
      lines.add(boosted(set.name, "XGBoost, synthesised aggregates", train, test, -1));
      lines.add(logistic(set.name, "logistic regression, synthesised aggregates", train, test,
          -1));
      if (members) {
        lines.add(engineLinear(set.name, train, test));
      }
      if (set.name.equals("psid")) {
        double[][] handTrain = features(c, "root_train");
        double[][] handTest = features(c, "root_test");
        lines.add(boosted(set.name, "XGBoost, hand-written aggregates", handTrain, handTest,
            -1));
        lines.add(logistic(set.name, "logistic regression, hand-written aggregates", handTrain,
            handTest, -1));
      }
      System.err.printf(Locale.ROOT, "%s: synthesis %.1f s; peak heap %.0f MB%n", set.name,
          synthesisSeconds, peaks.heapPeakBytes() / 1e6);
    }
    return lines;
  }

  /** CPU time of this process, every thread (PyTorch's included): comparable under load. */

  /** Rows of {@code [label, synthesised feature...]} of a view's rows, in key order. */
  private static double[][] synthesised(AggregateSynthesis synthesis, Connection c, DataSet set,
      String view) throws SQLException {
    List<double[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + set.key + ", " + set.target + " FROM " + view
             + " ORDER BY 1")) {
      while (rs.next()) {
        double[] f = synthesis.features(rs.getLong(1));
        double[] row = new double[f.length + 1];
        row[0] = set.positive.equals(rs.getString(2)) ? 1 : 0;
        System.arraycopy(f, 0, row, 1, f.length);
        rows.add(row);
      }
    }
    return rows.toArray(new double[0][]);
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

  private static Map<Long, Boolean> truth(Connection c, DataSet set) throws SQLException {
    Map<Long, Boolean> truth = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + set.key + ", " + set.target
             + " FROM root_test ORDER BY 1")) {
      while (rs.next()) {
        truth.put(rs.getLong(1), set.positive.equals(rs.getString(2)));
      }
    }
    return truth;
  }

  private static Line rowspace(Connection c, DataSet set, String model, String space,
      String include, Map<Long, Boolean> truth) throws SQLException {
    long started = System.nanoTime();
    String notes;
    if (Boolean.getBoolean("rowspace.bench.spaceWithoutTarget")) {
      include += " EXCLUDE COLUMNS (" + set.target + ")";
    }
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR CREATE EMBEDDING SPACE " + space
          + " ON root_train " + include)) {
        while (rs.next()) {
          System.err.println("    plan: " + rs.getString(1));
        }
      }
      s.executeUpdate("CREATE EMBEDDING SPACE " + space + " ON root_train " + include);
      double spaceSeconds = (System.nanoTime() - started) / 1e9;
      String options = System.getProperty("rowspace.bench.predictorOptions", "").strip();
      long cpu = processCpuNanos();
      s.executeUpdate("CREATE PREDICTOR " + space + "_pred ON " + space + " TARGET "
          + set.target + (options.isEmpty() ? "" : " WITH (" + options + ")"));
      System.err.printf(Locale.ROOT, "    %s_pred: CREATE PREDICTOR process CPU %.1f s%n", space,
          (processCpuNanos() - cpu) / 1e9);
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        System.err.println("    warning: " + w.getMessage());
      }
      notes = String.format(Locale.ROOT, "space %.1f s", spaceSeconds)
          + (options.isEmpty() ? "" : "; predictor WITH (" + options + ")");
      try (ResultSet rs = s.executeQuery("SELECT options FROM ROWSPACE.PREDICTORS WHERE name = '"
          + (space + "_pred").toUpperCase(Locale.ROOT) + "'")) {
        if (rs.next()) {
          System.err.println("    " + space + "_pred: " + rs.getString(1));
        }
      } catch (SQLException e) {
        // The catalog's column names are not this benchmark's concern.
      }
      try (ResultSet rs = s.executeQuery("SELECT feature, kind, importance, spread FROM "
          + "TABLE(FEATURE_IMPORTANCE('" + space + "_pred')) ORDER BY importance DESC "
          + "FETCH FIRST 8 ROWS ONLY")) {
        while (rs.next()) {
          System.err.printf(Locale.ROOT, "    importance: %s (%s) %.4f ± %.4f%n", rs.getString(1),
              rs.getString(2), rs.getDouble(3), rs.getDouble(4));
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Line(set.name, model, heldOutAuc(c, set, space + "_pred", truth), seconds, notes);
  }

  /**
   * The blend's members alone ({@code --members}): predictors on the same space with the option
   * {@code trees} that keeps one member.
   */
  private static final String[][] MEMBERS = {
      {"network", "false"}, {"trees", "only"}, {"linear", "linear"}};

  /** One member alone: a predictor on the space with {@code trees = option}, scored held out. */
  private static Line member(Connection c, DataSet set, String space, String member,
      String option, Map<Long, Boolean> truth) throws SQLException {
    long started = System.nanoTime();
    String predictor = space + "_" + member;
    try (Statement s = c.createStatement()) {
      long cpu = processCpuNanos();
      s.executeUpdate("CREATE PREDICTOR " + predictor + " ON " + space + " TARGET "
          + set.target + " WITH (trees = '" + option + "')");
      System.err.printf(Locale.ROOT, "    %s: CREATE PREDICTOR process CPU %.1f s%n", predictor,
          (processCpuNanos() - cpu) / 1e9);
      try (ResultSet rs = s.executeQuery("SELECT options FROM ROWSPACE.PREDICTORS WHERE name = '"
          + predictor.toUpperCase(Locale.ROOT) + "'")) {
        if (rs.next()) {
          System.err.println("    " + predictor + ": " + rs.getString(1));
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Line(set.name, "Rowspace member: " + member + " alone", heldOutAuc(c, set,
        predictor, truth), seconds, "trees = " + option);
  }

  /**
   * The engine's linear model ({@code LinearModel}, the blend's member) on the synthesised
   * aggregates, fitted on every training row with the penalty of the textbook logistic
   * regression ({@code C = 1}: 1 per row of the summed loss): whether it fits as well as the
   * logistic regression line on the same inputs.
   */
  private static Line engineLinear(String set, double[][] train, double[][] test) {
    long started = System.nanoTime();
    int w = train[0].length - 1;
    float[] x = new float[(train.length + test.length) * w];
    float[] y = new float[train.length + test.length];
    int[] fit = new int[train.length];
    for (int i = 0; i < train.length + test.length; i++) {
      double[] row = i < train.length ? train[i] : test[i - train.length];
      y[i] = (float) row[0];
      for (int j = 0; j < w; j++) {
        x[i * w + j] = (float) row[j + 1];
      }
      if (i < train.length) {
        fit[i] = i;
      }
    }
    LinearModel model = LinearModel.fit(x, w, fit, BoostingLoss.LOGISTIC, 2, y, 42,
        DatasetRun.LINEAR_L2 / train.length);
    float[] margins = model.predict(Arrays.copyOfRange(x, train.length * w, x.length),
        test.length);
    double[] p = new double[test.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = margins[i];
    }
    return new Line(set, "engine linear model, synthesised aggregates", Metrics.areaUnderCurve(p,
        labels(test)), (System.nanoTime() - started) / 1e9, w + " inputs, penalty C = 1");
  }

  private static double heldOutAuc(Connection c, DataSet set, String predictor,
      Map<Long, Boolean> truth) throws SQLException {
    double[] p = new double[truth.size()];
    boolean[] positive = new boolean[truth.size()];
    int i = 0;
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + set.key + ", PREDICT_PROBA('" + predictor
             + "', '" + set.positive + "') FROM root_test ORDER BY 1")) {
      while (rs.next()) {
        p[i] = rs.getDouble(2);
        positive[i] = truth.get(rs.getLong(1));
        i++;
      }
    }
    return Metrics.areaUnderCurve(p, positive);
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

  private static Line boosted(String set, String model, double[][] train, double[][] test,
      int width) throws XGBoostError {
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
    return new Line(set, model, Metrics.areaUnderCurve(p, labels(test)), fit.seconds(),
        w + " inputs");
  }

  private static Line logistic(String set, String model, double[][] train, double[][] test,
      int width) {
    long started = System.nanoTime();
    int w = width < 0 ? train[0].length - 1 : width;
    double[] mean = new double[w];
    double[] std = new double[w];
    // A missing aggregate (a row without related rows) counts as the training mean.
    for (int j = 0; j < w; j++) {
      int present = 0;
      for (double[] row : train) {
        if (!Double.isNaN(row[j + 1])) {
          mean[j] += row[j + 1];
          present++;
        }
      }
      mean[j] = present == 0 ? 0 : mean[j] / present;
      for (double[][] rows : List.of(train, test)) {
        for (double[] row : rows) {
          if (Double.isNaN(row[j + 1])) {
            row[j + 1] = mean[j];
          }
        }
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
    return new Line(set, model, Metrics.areaUnderCurve(p, labels(test)),
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
