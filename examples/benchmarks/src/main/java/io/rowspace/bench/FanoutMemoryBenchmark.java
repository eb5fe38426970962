package io.rowspace.bench;

import static io.rowspace.bench.Measurements.processCpuNanos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;

/**
 * Memory of a space over a child table as the fan-out grows: the same customers, each with
 * {@code FANOUT} visits, in an H2 file database, and {@code CREATE EMBEDDING SPACE} on customers
 * with their visits. Prints one line: fan-out, child rows, seconds and CPU seconds of CREATE, peak
 * heap during CREATE, peak resident memory of the run.
 *
 * <p>Run each fan-out in a JVM of its own with a small heap, e.g.
 * {@code java -Xmx768m -cp ... io.rowspace.bench.FanoutMemoryBenchmark 1000 2000}: a space reads
 * at most a bounded sample of child rows per customer (counts and summaries cover all), so the
 * same heap serves every fan-out.
 */
public final class FanoutMemoryBenchmark {
  private FanoutMemoryBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int fanout = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int customers = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path folder = DatasetBenchmark.repositoryRoot().resolve("examples").resolve("target")
        .resolve("fanout-" + fanout + "-" + customers);
    Files.createDirectories(folder);
    String url = "jdbc:rowspace:h2:" + folder.resolve("db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS visits");
      s.execute("DROP TABLE IF EXISTS customers");
      s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, region VARCHAR(10), "
          + "age INTEGER, loyal VARCHAR(3))");
      s.execute("CREATE TABLE visits (visit_id BIGINT PRIMARY KEY, customer_id INTEGER "
          + "REFERENCES customers(id), minutes INTEGER, device VARCHAR(10))");
      fill(c, customers, fanout);
      System.gc();
      long started = System.nanoTime();
      long cpuStarted = processCpuNanos();
      long peak;
      try (MemoryPeaks peaks = MemoryPeaks.start()) {
        s.executeUpdate("CREATE OR REPLACE EMBEDDING SPACE fanout ON customers "
            + "WITH (epochs = 3)");
        peak = peaks.heapPeakBytes();
      }
      System.out.printf(Locale.ROOT, "fan-out %d: %d customers, %d visits, CREATE %.1f s (CPU "
          + "%.1f s), peak heap %.0f MB of %.0f MB, peak resident %.0f MB (the whole run)%n",
          fanout, customers, (long) customers * fanout, (System.nanoTime() - started) / 1e9,
          (processCpuNanos() - cpuStarted) / 1e9, peak / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6, MemoryPeaks.residentPeakBytes() / 1e6);
    }
  }

  /** CPU time of the whole process (PyTorch's threads included): less bent by other load. */

  private static void fill(Connection c, int customers, int fanout) throws SQLException {
    Random random = new Random(11);
    try (PreparedStatement customer = c.prepareStatement(
             "INSERT INTO customers VALUES (?, ?, ?, ?)");
         PreparedStatement visit = c.prepareStatement("INSERT INTO visits VALUES (?, ?, ?, ?)")) {
      long id = 0;
      for (int i = 1; i <= customers; i++) {
        boolean loyal = random.nextBoolean();
        customer.setInt(1, i);
        customer.setString(2, random.nextBoolean() ? "north" : "south");
        customer.setInt(3, 20 + random.nextInt(50));
        customer.setString(4, loyal ? "yes" : "no");
        customer.executeUpdate();
        for (int v = 0; v < fanout; v++) {
          visit.setLong(1, ++id);
          visit.setInt(2, i);
          visit.setInt(3, (loyal ? 30 : 5) + random.nextInt(20));
          visit.setString(4, random.nextBoolean() ? "web" : "app");
          visit.addBatch();
          if (id % 10_000 == 0) {
            visit.executeBatch();
          }
        }
      }
      visit.executeBatch();
    }
  }
}
