package io.rowspace.bench;

import java.lang.management.ManagementFactory;
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
 * The cost of one {@code SIMILAR_ROWS} call outside the search: a prepared
 * {@code SELECT * FROM TABLE(SIMILAR_ROWS('s', ?, 10))} over a small space (so the search itself
 * is cheap) run {@code --calls} times per round, in CPU milliseconds of the whole process per
 * call, after a warm-up round. Each round prints one line; the median is what to compare.
 *
 * <p>It uses nothing but JDBC, so the same class runs against two builds of the driver: to
 * compare them, alternate JVMs of the one and the other (interleaved rounds, so a change in the
 * machine's load falls on both) and take each one's median, e.g.
 * <pre>
 * for i in 1 2 3 4 5; do
 *   java -cp BEFORE.jar:classes io.rowspace.bench.SimilarRowsCallBenchmark --label before
 *   java -cp AFTER.jar:classes io.rowspace.bench.SimilarRowsCallBenchmark --label after
 * done
 * </pre>
 */
public final class SimilarRowsCallBenchmark {
  private SimilarRowsCallBenchmark() {
  }

  public static void main(String[] args) throws SQLException {
    int rows = 1_000;
    int calls = 2_000;
    int rounds = 3;
    String label = "run";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--label" -> label = args[++i];
        default -> {
          System.err.println("usage: SimilarRowsCallBenchmark [--rows 1000] [--calls 2000] "
              + "[--rounds 3] [--label NAME]");
          System.exit(2);
        }
      }
    }
    try (Connection connection = DriverManager.getConnection(
        "jdbc:rowspace:h2:mem:similar_rows_calls")) {
      createSpace(connection, rows);
      try (PreparedStatement similar = connection.prepareStatement(
          "SELECT * FROM TABLE(SIMILAR_ROWS('s', ?, 10))")) {
        Random random = new Random(11);
        double[] perCall = new double[rounds];
        for (int round = -1; round < rounds; round++) {
          long cpuBefore = processCpuNanos();
          for (int i = 0; i < calls; i++) {
            similar.setInt(1, 1 + random.nextInt(rows));
            int read = 0;
            try (ResultSet rs = similar.executeQuery()) {
              while (rs.next()) {
                read++;
              }
            }
            if (read != 10) {
              throw new IllegalStateException("SIMILAR_ROWS gave " + read + " rows, not 10");
            }
          }
          if (round >= 0) {
            perCall[round] = (processCpuNanos() - cpuBefore) / 1e6 / calls;
            System.out.printf(Locale.ROOT, "%s round %d: %.3f CPU ms per call%n", label,
                round + 1, perCall[round]);
          }
        }
        double[] sorted = perCall.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s median: %.3f CPU ms per call (%d calls a round, "
            + "%d rounds)%n", label, sorted[sorted.length / 2], calls, rounds);
      }
    }
  }

  private static void createSpace(Connection connection, int rows) throws SQLException {
    Random random = new Random(3);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, price DOUBLE, "
          + "weight DOUBLE, colour VARCHAR(10))");
    }
    String[] colours = {"red", "green", "blue", "black"};
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO items VALUES (?, ?, ?, ?)")) {
      for (int id = 1; id <= rows; id++) {
        insert.setInt(1, id);
        insert.setDouble(2, 10 + 90 * random.nextDouble());
        insert.setDouble(3, 1 + 4 * random.nextDouble());
        insert.setString(4, colours[random.nextInt(colours.length)]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE s ON items WITH (epochs = 2, seed = 1)");
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
