package io.rowspace.bench;

import static io.rowspace.bench.Measurements.median;
import static io.rowspace.bench.Measurements.processCpuNanos;

import io.rowspace.engine.search.RowVectors;
import io.rowspace.engine.search.SimilaritySearch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Array;
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
 * The cost of one {@code SIMILAR_ROWS} call outside the search: a prepared
 * {@code SELECT * FROM TABLE(SIMILAR_ROWS('s', ?, 10))} over a small space (so the search itself
 * is cheap) run {@code --calls} times per round, then the same searches alone, in the same
 * process, over the space's own vectors (read through {@code EMBEDDINGS}) with the engine's exact
 * search, as the space of 1,000 rows is searched. A round prints the CPU milliseconds per call of
 * the main thread (nanosecond clock) for the whole call, for the search alone and their
 * difference, the overhead, and the process's CPU per call (10 ms clock; it adds the compiler
 * and the collector), after {@code --warm-up} unreported rounds. The median over rounds is what
 * to compare.
 *
 * <p>{@code --url} runs it on another backing database (an in-memory H2 by default), e.g. a
 * PostgreSQL database of its own: it drops and creates table {@code items} and space {@code s}.
 *
 * <p>It uses nothing but JDBC and the engine's search, so the same class runs against two builds
 * of the driver: to compare them, alternate JVMs of the one and the other (interleaved, so a
 * change in the machine's load falls on both) and take each one's median, e.g.
 * <pre>
 * for i in 1 2 3 4 5; do
 *   java -cp BEFORE.jar:classes io.rowspace.bench.SimilarRowsCallBenchmark --label before
 *   java -cp AFTER.jar:classes io.rowspace.bench.SimilarRowsCallBenchmark --label after
 * done
 * </pre>
 */
public final class SimilarRowsCallBenchmark {
  private static final int K = 10;

  private SimilarRowsCallBenchmark() {
  }

  public static void main(String[] args) throws SQLException {
    int rows = 1_000;
    int calls = 2_000;
    int rounds = 5;
    int warmUp = 8;
    String label = "run";
    String url = "jdbc:rowspace:h2:mem:similar_rows_calls";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
        case "--label" -> label = args[++i];
        case "--url" -> url = args[++i];
        default -> {
          System.err.println("usage: SimilarRowsCallBenchmark [--rows 1000] [--calls 2000] "
              + "[--warm-up 8] [--rounds 5] [--label NAME] [--url jdbc:rowspace:...]");
          System.exit(2);
        }
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (Connection connection = DriverManager.getConnection(url)) {
      createSpace(connection, rows);
      SimilaritySearch search = SimilaritySearch.exact(vectors(connection));
      try (PreparedStatement similar = connection.prepareStatement(
          "SELECT * FROM TABLE(SIMILAR_ROWS('s', ?, " + K + "))")) {
        double[] callMs = new double[rounds];
        double[] searchMs = new double[rounds];
        double[] processMs = new double[rounds];
        long checksum = 0;
        // warm-up rounds, unreported: the compiler takes tens of thousands of calls to settle
        for (int round = -warmUp; round < rounds; round++) {
          int[] keys = new Random(11 + round).ints(calls, 1, rows + 1).toArray();
          long processBefore = processCpuNanos();
          long before = threads.getCurrentThreadCpuTime();
          for (int key : keys) {
            similar.setInt(1, key);
            int read = 0;
            try (ResultSet rs = similar.executeQuery()) {
              while (rs.next()) {
                read++;
              }
            }
            if (read != K) {
              throw new IllegalStateException("SIMILAR_ROWS gave " + read + " rows, not " + K);
            }
          }
          long called = threads.getCurrentThreadCpuTime();
          long processCalled = processCpuNanos();
          for (int key : keys) {
            int row = search.vectors().rowOf(Integer.toString(key));
            checksum += search.ranked(search.vectors().vector(row), row, K).next(K).row(0);
          }
          long searched = threads.getCurrentThreadCpuTime();
          if (round >= 0) {
            callMs[round] = (called - before) / 1e6 / calls;
            searchMs[round] = (searched - called) / 1e6 / calls;
            processMs[round] = (processCalled - processBefore) / 1e6 / calls;
            System.out.printf(Locale.ROOT, "%s round %d: call %.4f, search alone %.4f, "
                + "overhead %.4f CPU ms per call (process %.3f)%n", label, round + 1,
                callMs[round], searchMs[round], callMs[round] - searchMs[round],
                processMs[round]);
          }
        }
        double[] overhead = new double[rounds];
        for (int round = 0; round < rounds; round++) {
          overhead[round] = callMs[round] - searchMs[round];
        }
        System.out.printf(Locale.ROOT, "%s median: call %.4f, search alone %.4f, overhead %.4f "
            + "CPU ms per call (process %.3f; %d calls a round, %d rounds; %d)%n", label,
            median(callMs), median(searchMs), median(overhead), median(processMs), calls, rounds,
            checksum % 10);
      }
    }
  }

  /** The space's row vectors as {@code EMBEDDINGS} gives them, keyed like the stored ones. */
  private static RowVectors vectors(Connection connection) throws SQLException {
    List<String> keys = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, embedding FROM TABLE(EMBEDDINGS('s'))")) {
      while (rs.next()) {
        keys.add(Integer.toString(rs.getInt(1)));
        Array array = rs.getArray(2);
        Object values = array.getArray();
        if (values instanceof float[] floats) {
          vectors.add(floats.clone());
        } else {
          Object[] numbers = (Object[]) values;
          float[] vector = new float[numbers.length];
          for (int i = 0; i < numbers.length; i++) {
            vector[i] = ((Number) numbers[i]).floatValue();
          }
          vectors.add(vector);
        }
      }
    }
    return new RowVectors(keys, vectors.toArray(new float[0][]));
  }

  private static void createSpace(Connection connection, int rows) throws SQLException {
    Random random = new Random(3);
    try (Statement statement = connection.createStatement()) {
      // a database of its own may hold the last run's space and table
      statement.execute("DROP EMBEDDING SPACE IF EXISTS s CASCADE");
      statement.execute("DROP TABLE IF EXISTS items");
      statement.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, price DOUBLE PRECISION, "
          + "weight DOUBLE PRECISION, colour VARCHAR(10))");
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

}
