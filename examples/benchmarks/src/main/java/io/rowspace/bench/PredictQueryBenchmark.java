package io.rowspace.bench;

import static io.rowspace.bench.Measurements.median;
import static io.rowspace.bench.Measurements.processCpuNanos;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * PREDICT through the JDBC driver on one stored predictor, measured many times in one process:
 * batched queries (with and without columns passed through beside the model call) and a
 * single-row prepared query, each run's process CPU time beside its wall time. The database is
 * made once ({@code customers_10k} of {@link GeneratedRows}, a space of 3 epochs and predictor
 * {@code churn}, seed 7, as {@link InferenceBenchmark} trains them) and kept in the folder, so
 * two builds of the product can score the same stored predictor in alternating processes.
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.PredictQueryBenchmark [--folder PATH] [--runs 7]
 *     [--singles 2000] [--label NAME] [--single-only]
 * </pre>
 *
 * <p>Prints one line per query with the medians of the runs (after two warm-up runs that are not
 * counted): rows per CPU-second of the whole process (every thread: the collector and the
 * compiler too), rows per CPU-second of the calling thread (the query and the forward pass run
 * on it; the figure least moved by other work on the machine), rows per wall-second; for the
 * single-row query the CPU per call and the p50 latency. Progress goes to standard error.
 */
public final class PredictQueryBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String TABLE = "customers_10k";
  /** Runs of each query first, not counted: class loading, compilation, the model's load. */
  private static final int WARM_UP = 2;
  private static final int ROWS = 10_000;
  private static final String[] BATCHED = {
      "SELECT id, PREDICT('churn') FROM " + TABLE,
      "SELECT COUNT(*) FROM (SELECT PREDICT('churn') AS p FROM " + TABLE + ") t "
          + "WHERE p IS NOT NULL",
      "SELECT id, amount, score, ratio, PREDICT('churn') FROM " + TABLE,
  };

  private PredictQueryBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    Path folder = Path.of("examples", "target", "benchmarks", "predict-query-db");
    int runs = 7;
    int singles = 2000;
    String label = "run";
    boolean singleOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--folder" -> folder = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--singles" -> singles = Integer.parseInt(args[++i]);
        case "--label" -> label = args[++i];
        case "--single-only" -> singleOnly = true;
        default -> {
          System.err.println("usage: PredictQueryBenchmark [--folder PATH] [--runs 7] "
              + "[--singles 2000] [--label NAME] [--single-only]");
          System.exit(2);
        }
      }
    }
    boolean made = Files.exists(folder.resolve("inference.mv.db"));
    Files.createDirectories(folder);
    String url = "jdbc:rowspace:h2:" + folder.toAbsolutePath().resolve("inference");
    try (Connection connection = DriverManager.getConnection(url)) {
      if (!made) {
        train(connection);
      }
      for (int q = 0; !singleOnly && q < BATCHED.length; q++) {
        double[][] rates = new double[3][runs];
        for (int run = -WARM_UP; run < runs; run++) {
          long c0 = processCpuNanos();
          long t0 = THREADS.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          int read = batched(connection, BATCHED[q]);
          if (run >= 0) {
            rates[0][run] = ROWS / ((processCpuNanos() - c0) / 1e9);
            rates[1][run] = ROWS / ((THREADS.getCurrentThreadCpuTime() - t0) / 1e9);
            rates[2][run] = ROWS / ((System.nanoTime() - w0) / 1e9);
          }
          if (read == 0) {
            throw new IllegalStateException(BATCHED[q] + " gave no rows");
          }
        }
        System.out.printf(Locale.ROOT, "%s | batched %d | %,.0f rows per process CPU-s | %,.0f "
            + "rows per thread CPU-s | %,.0f rows/s | runs (thread) %s%n", label, q,
            median(rates[0]), median(rates[1]), median(rates[2]), list(rates[1]));
      }
      single(connection, label, runs, singles);
    }
  }

  private static void train(Connection connection) throws SQLException {
    GeneratedRows.create(connection, TABLE, ROWS);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE churn_space ON " + TABLE
          + " WITH (seed = 7, epochs = 3)");
      statement.execute("CREATE PREDICTOR churn ON churn_space TARGET churned WITH (seed = 7)");
    }
    System.err.println("trained churn_space and churn on " + TABLE);
  }

  /** Runs a query and reads every value of every row as text, as a client printing it would. */
  private static int batched(Connection connection, String sql) throws SQLException {
    int read = 0;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int c = 1; c <= columns; c++) {
          rs.getString(c);
        }
        read++;
      }
    }
    return read;
  }

  /** The single-row prepared query: p50 wall and CPU per call, medians over runs. */
  private static void single(Connection connection, String label, int runs, int singles)
      throws SQLException {
    double[][] perCall = new double[3][runs];
    Random random = new Random(5);
    try (PreparedStatement one = connection.prepareStatement(
        "SELECT PREDICT('churn') FROM " + TABLE + " WHERE id = ?")) {
      for (int run = -WARM_UP; run < runs; run++) {
        Latencies latency = new Latencies(singles);
        long c0 = processCpuNanos();
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < singles; i++) {
          long w0 = System.nanoTime();
          one.setInt(1, 1 + random.nextInt(ROWS));
          try (ResultSet rs = one.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalStateException("no row");
            }
            rs.getObject(1);
          }
          latency.add(System.nanoTime() - w0);
        }
        if (run >= 0) {
          perCall[0][run] = (processCpuNanos() - c0) / 1e6 / singles;
          perCall[1][run] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6 / singles;
          perCall[2][run] = latency.percentileMillis(50);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s | single row | %.3f process CPU ms per call | %.3f thread "
        + "CPU ms per call | p50 %.3f ms | runs (thread) %s%n", label, median(perCall[0]),
        median(perCall[1]), median(perCall[2]), list(perCall[1]));
  }

  private static String list(double[] values) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
          : String.format(Locale.ROOT, "%.3f", v));
    }
    return String.join(" ", out);
  }

}
