package io.rowspace.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * What it costs to prepare and run a small query with a model call, through plain JDBC: each
 * execution prepares the query, binds one key, reads the rows and closes. Two queries: {@code
 * split}, {@code SELECT id, plan, PREDICT('bench_churn') FROM bench_shop WHERE id = ?}, whose
 * model-free part runs on the database; {@code table}, {@code ANOMALY_SCORE} over the rows of a
 * {@code SIMILAR_ROWS} call, whose FROM only Calcite knows (the model call's inputs are found by
 * name among its columns). Reported per execution: the calling thread's CPU time (median), the
 * process's CPU time (mean, all threads) and wall time (median).
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.PrepareCostBenchmark URL setup
 * java -cp CLASSPATH io.rowspace.bench.PrepareCostBenchmark URL measure LABEL [executions]
 * </pre>
 *
 * <p>{@code setup} creates the table, space and predictor in an H2 file database once; then
 * {@code measure} runs in separate processes, alternately with two builds (the code before and
 * after a change) on the same database, so the machine's load falls on both alike.
 */
public final class PrepareCostBenchmark {
  private static final String SPLIT =
      "SELECT id, plan, PREDICT('bench_churn') AS p FROM bench_shop WHERE id = ?";
  private static final String TABLE = "SELECT s.rank, s.id, ANOMALY_SCORE('bench_space') AS a "
      + "FROM TABLE(SIMILAR_ROWS('bench_space', ?, 3)) s";

  private PrepareCostBenchmark() {}

  public static void main(String[] args) throws SQLException {
    if (args.length < 2) {
      System.err.println("usage: PrepareCostBenchmark URL setup|measure [LABEL [executions]]");
      System.exit(2);
    }
    try (Connection connection = DriverManager.getConnection(args[0])) {
      if (args[1].equals("setup")) {
        setup(connection);
      } else {
        String label = args.length > 2 ? args[2] : "run";
        int executions = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        measure(connection, label + " split", SPLIT, executions);
        measure(connection, label + " table", TABLE, executions);
      }
    }
  }

  private static void setup(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS bench_shop");
      statement.execute("CREATE TABLE bench_shop (id INTEGER PRIMARY KEY, plan VARCHAR(10), "
          + "visits INTEGER, spend DOUBLE PRECISION, churned VARCHAR(3))");
    }
    Random random = new Random(7);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO bench_shop VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= 500; id++) {
        int visits = random.nextInt(40);
        insert.setInt(1, id);
        insert.setString(2, visits > 20 ? "pro" : random.nextBoolean() ? "basic" : "free");
        insert.setInt(3, visits);
        insert.setDouble(4, visits * 3.5 + random.nextGaussian() * 10);
        insert.setString(5, visits < 8 ? "yes" : "no");
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE OR REPLACE EMBEDDING SPACE bench_space ON bench_shop "
          + "WITH (epochs = 3)");
      statement.execute("CREATE OR REPLACE PREDICTOR bench_churn ON bench_space "
          + "TARGET churned WITH (epochs = 3)");
    }
  }

  private static void measure(Connection connection, String label, String query,
      int executions) throws SQLException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < executions; i++) {
      runOnce(connection, query, 1 + i % 500);
    }
    long[] cpu = new long[executions];
    long[] wall = new long[executions];
    long processBefore = os.getProcessCpuTime();
    long wallBefore = System.nanoTime();
    for (int i = 0; i < executions; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      runOnce(connection, query, 1 + (i * 7) % 500);
      wall[i] = System.nanoTime() - w0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    double processPerExecution = (os.getProcessCpuTime() - processBefore) / 1e6 / executions;
    double wallPerExecution = (System.nanoTime() - wallBefore) / 1e6 / executions;
    System.out.printf(Locale.ROOT, "%s executions=%d thread_cpu_ms_median=%.3f "
        + "process_cpu_ms_mean=%.3f wall_ms_median=%.3f wall_ms_mean=%.3f load=%.2f%n",
        label, executions, median(cpu), processPerExecution, median(wall), wallPerExecution,
        os.getSystemLoadAverage());
  }

  private static void runOnce(Connection connection, String sql, int id) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setInt(1, id);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next() || rows.getString(3) == null) {
          throw new IllegalStateException("no model value for id " + id);
        }
        while (rows.next()) {
          rows.getString(3);
        }
      }
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }
}
