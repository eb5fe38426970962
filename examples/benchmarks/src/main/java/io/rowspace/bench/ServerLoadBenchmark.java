package io.rowspace.bench;

import io.rowspace.server.RowspaceServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load on a Rowspace server: {@code clients} remote clients (default 16), each on its own
 * connection, score rows with PREDICT and PREDICT_DETAILS for {@code seconds} (default 60) while
 * the predictor is replaced twice with {@code CREATE OR REPLACE PREDICTOR}. Reports queries and
 * rows per second, latency, errors (must be 0) and stale answers: queries that started after a
 * replace had returned yet were answered by an older version (must be 0). Exits 1 if either is
 * not 0.
 *
 * <p>Run: {@code java -cp ... io.rowspace.bench.ServerLoadBenchmark [seconds] [clients]}.
 */
public final class ServerLoadBenchmark {
  private static final String DATABASE = "jdbc:rowspace:h2:mem:load;DB_CLOSE_DELAY=-1";
  private static final int ROWS = 3_000;
  private static final int WINDOW = 20;

  /** A finished replacement: when its statement returned, and the version it made current. */
  private record Replacement(long returnedNanos, long version, double seconds) {
  }

  private ServerLoadBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    try (Connection local = DriverManager.getConnection(DATABASE)) {
      // Creating the table needs role admin, which the server's clients (role write) lack.
      prepare(local);
    }
    try (RowspaceServer server = RowspaceServer.start(DATABASE, 0, null)) {
      String url = server.clientUrl("localhost");
      try (Connection control = DriverManager.getConnection(url)) {
        System.out.printf(Locale.ROOT, "%d clients score %d rows per query for %d s; predictor "
            + "version %d at the start.%n", clients, WINDOW, seconds, currentVersion(control));
        run(url, control, seconds, clients);
      }
    }
  }

  private static void prepare(Connection database) throws SQLException {
    try (Statement statement = database.createStatement()) {
      statement.execute("CREATE TABLE shops (id INTEGER PRIMARY KEY, size DOUBLE PRECISION, "
          + "footfall INTEGER, region VARCHAR(10), kind VARCHAR(10))");
      statement.execute("INSERT INTO shops SELECT x, MOD(x * 17, 100) / 10.0, MOD(x * 7, 300), "
          + "'r' || MOD(x, 6), CASEWHEN(MOD(x * 17, 100) + MOD(x * 7, 300) / 10 > 60, 'big', "
          + "'small') FROM SYSTEM_RANGE(1, " + ROWS + ")");
      statement.execute("CREATE EMBEDDING SPACE shop_space ON shops WITH (epochs = 3)");
      statement.execute("CREATE PREDICTOR shop_kind ON shop_space TARGET kind "
          + "WITH (epochs = 10)");
    }
  }

  private static void run(String url, Connection control, int seconds, int clients)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<ScoringClient.Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      futures.add(pool.submit(new ScoringClient(url, "shop_kind", ROWS, WINDOW, i + 1,
          deadline)));
    }
    List<Replacement> replacements = new ArrayList<>();
    for (int seed : new int[] {7, 11}) {
      Thread.sleep(seconds * 1000L / 3);
      long begun = System.nanoTime();
      try (Statement statement = control.createStatement()) {
        statement.execute("CREATE OR REPLACE PREDICTOR shop_kind ON shop_space TARGET kind "
            + "WITH (epochs = 10, seed = " + seed + ")");
      }
      long returned = System.nanoTime();
      replacements.add(new Replacement(returned, currentVersion(control),
          (returned - begun) / 1e9));
    }
    List<ScoringClient.Query> queries = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Future<ScoringClient.Outcome> future : futures) {
      queries.addAll(future.get().queries());
      errors.addAll(future.get().errors());
    }
    pool.shutdown();
    double elapsed = (System.nanoTime() - start) / 1e9;
    report(queries, errors, replacements, elapsed);
    if (!errors.isEmpty() || stale(queries, replacements) > 0) {
      System.exit(1);
    }
  }

  /** Queries that started after a replace had returned yet got an older version. */
  private static long stale(List<ScoringClient.Query> queries, List<Replacement> replacements) {
    long stale = 0;
    for (ScoringClient.Query query : queries) {
      for (Replacement replacement : replacements) {
        if (query.startNanos() > replacement.returnedNanos()
            && query.version() < replacement.version()) {
          stale++;
          break;
        }
      }
    }
    return stale;
  }

  private static void report(List<ScoringClient.Query> queries, List<String> errors,
      List<Replacement> replacements, double elapsed) {
    Latencies latencies = new Latencies(queries.size());
    long rows = 0;
    for (ScoringClient.Query query : queries) {
      latencies.add(query.endNanos() - query.startNanos());
      rows += query.rows();
    }
    System.out.printf(Locale.ROOT, "queries: %,d in %.1f s = %.1f queries/s (%,.0f rows/s)%n",
        queries.size(), elapsed, queries.size() / elapsed, rows / elapsed);
    System.out.printf(Locale.ROOT, "latency per query: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms%n",
        latencies.percentileMillis(50), latencies.percentileMillis(95),
        latencies.percentileMillis(99));
    for (Replacement replacement : replacements) {
      long after = queries.stream()
          .filter(q -> q.startNanos() > replacement.returnedNanos()).count();
      System.out.printf(Locale.ROOT, "replace -> version %d took %.1f s; %,d queries started "
          + "after it returned%n", replacement.version(), replacement.seconds(), after);
    }
    System.out.printf(Locale.ROOT, "errors: %d; stale answers after a replace: %d%n",
        errors.size(), stale(queries, replacements));
    errors.stream().limit(5).forEach(e -> System.out.println("  error: " + e));
  }

  private static long currentVersion(Connection control) throws SQLException {
    try (Statement statement = control.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT version FROM ROWSPACE.PREDICTORS WHERE name = 'SHOP_KIND'")) {
      if (!rows.next()) {
        throw new SQLException("Predictor SHOP_KIND is missing from ROWSPACE.PREDICTORS.",
            "42704");
      }
      return rows.getLong(1);
    }
  }
}
