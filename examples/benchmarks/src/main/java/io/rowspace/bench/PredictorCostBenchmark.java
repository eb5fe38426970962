package io.rowspace.bench;

import static io.rowspace.bench.Measurements.processCpuNanos;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time of {@code CREATE PREDICTOR} under several option sets on one embedding space per
 * data set, with each predictor's held-out metric: the variants run interleaved and repeated in
 * one JVM (variant a, b, ..., a, b, ...), so that a load on the machine falls on all of them
 * alike, and the median of each is printed beside its ratio to the first.
 *
 * <pre>
 * java -cp "$(cat examples/target/classpath.txt):examples/target/classes" \
 *     io.rowspace.bench.PredictorCostBenchmark --datasets credit_data,mlc_churn \
 *     --variants "|trees = false" [--repeats 3] [--shared PATH]
 * </pre>
 *
 * <p>{@code --variants} lists the options inside {@code WITH (...)} of each variant, separated
 * by {@code |}; an empty one is the defaults. Binary data sets only (held-out AUC of the training
 * rows' minority class, the split of {@link DatasetBenchmark}). CPU time is the process's (every
 * thread, PyTorch's included) and the statement thread's own. Each predictor's recorded options
 * (the blend it chose among them) go to standard error.
 */
public final class PredictorCostBenchmark {
  private static final String USAGE = "usage: PredictorCostBenchmark --datasets a,b "
      + "--variants 'options|options' [--repeats N] [--shared PATH]";

  private PredictorCostBenchmark() {
  }

  /** One CREATE PREDICTOR measured. */
  private record Run(double processCpu, double threadCpu, double wall, double auc) {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    List<String> names = List.of();
    List<String> variants = List.of("");
    int repeats = 3;
    Path shared = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> names = Arrays.asList(args[++i].split(","));
        case "--variants" -> variants = Arrays.stream(args[++i].split("\\|", -1))
            .map(String::strip).toList();
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--shared" -> shared = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
      }
    }
    Path datasets = DatasetBenchmark.datasetsFolder(shared, Path.of("").toAbsolutePath());
    StringBuilder table = new StringBuilder("| data set | variant | CREATE PREDICTOR process CPU, "
        + "median (runs) | statement thread CPU, median | ratio to the first | wall, median | "
        + "held-out AUC |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (String name : names) {
      SharedDataset dataset = SharedDataset.read(datasets.resolve(name));
      Map<String, List<Run>> runs = measure(dataset, variants, repeats);
      double first = median(runs.get(variants.get(0)), Run::processCpu);
      for (String variant : variants) {
        List<Run> r = runs.get(variant);
        table.append(String.format(Locale.ROOT, "| %s | %s | %.1f s (%s) | %.1f s | %.2f | "
            + "%.1f s | %.4f |%n", name, variant.isEmpty() ? "defaults" : variant,
            median(r, Run::processCpu), String.join(", ", r.stream().map(x -> String.format(
                Locale.ROOT, "%.1f", x.processCpu())).toList()), median(r, Run::threadCpu),
            median(r, Run::processCpu) / first, median(r, Run::wall), r.get(0).auc()));
      }
      System.err.print(table);
    }
    System.out.print(table);
  }

  private static Map<String, List<Run>> measure(SharedDataset dataset, List<String> variants,
      int repeats) throws Exception {
    Map<String, List<Run>> runs = new HashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:cost_"
        + dataset.name()); Statement statement = connection.createStatement()) {
      dataset.load(connection);
      String positive;
      try (ResultSet rs = statement.executeQuery("SELECT " + dataset.target() + ", COUNT(*) AS n "
          + "FROM " + dataset.trainingTable() + " WHERE " + dataset.target() + " IS NOT NULL "
          + "GROUP BY " + dataset.target() + " ORDER BY n, " + dataset.target())) {
        rs.next();
        positive = rs.getString(1);
      }
      System.err.println(dataset.name() + ": CREATE EMBEDDING SPACE, load "
          + MemoryPeaks.loadAverage());
      statement.executeUpdate("CREATE EMBEDDING SPACE " + dataset.spaceName() + " ON "
          + dataset.trainingTable());
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int repeat = 0; repeat < repeats; repeat++) {
        for (String variant : variants) {
          statement.executeUpdate("DROP PREDICTOR IF EXISTS " + dataset.predictorName());
          long wall = System.nanoTime();
          long process = processCpuNanos();
          long thread = threads.getCurrentThreadCpuTime();
          statement.executeUpdate("CREATE PREDICTOR " + dataset.predictorName()
              + " ON EMBEDDING SPACE " + dataset.spaceName() + " TARGET " + dataset.target()
              + (variant.isEmpty() ? "" : " WITH (" + variant + ")"));
          Run run = new Run((processCpuNanos() - process) / 1e9,
              (threads.getCurrentThreadCpuTime() - thread) / 1e9,
              (System.nanoTime() - wall) / 1e9, heldOutAuc(statement, dataset, positive));
          System.err.printf(Locale.ROOT, "%s [%s] repeat %d: process CPU %.1f s, thread CPU "
              + "%.1f s, wall %.1f s, held-out AUC %.4f, load %s%n", dataset.name(), variant,
              repeat + 1, run.processCpu(), run.threadCpu(), run.wall(), run.auc(),
              MemoryPeaks.loadAverage());
          try (ResultSet rs = statement.executeQuery("SELECT options FROM ROWSPACE.PREDICTORS "
              + "WHERE name = '" + dataset.predictorName().toUpperCase(Locale.ROOT) + "'")) {
            // What the blend chose: runs that differ in it are not the same predictor.
            System.err.println("    predictor options: " + (rs.next() ? rs.getString(1) : "?"));
          }
          runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(run);
        }
      }
    }
    return runs;
  }

  private static double heldOutAuc(Statement statement, SharedDataset dataset, String positive)
      throws SQLException {
    List<Double> scores = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("SELECT " + dataset.target() + ", PREDICT_PROBA('"
        + dataset.predictorName() + "', '" + positive.replace("'", "''") + "') FROM "
        + dataset.heldOutTable() + " WHERE " + dataset.target() + " IS NOT NULL ORDER BY id")) {
      while (rs.next()) {
        labels.add(positive.equals(rs.getString(1)));
        scores.add(rs.getDouble(2));
      }
    }
    double[] p = scores.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] isPositive = new boolean[labels.size()];
    for (int i = 0; i < isPositive.length; i++) {
      isPositive[i] = labels.get(i);
    }
    return Metrics.areaUnderCurve(p, isPositive);
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
    double[] v = runs.stream().mapToDouble(value).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

}
