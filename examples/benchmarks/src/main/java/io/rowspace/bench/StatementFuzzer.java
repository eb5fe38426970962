package io.rowspace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A statement fuzzer: mutates the statements of {@link FuzzCorpus} ({@link StatementMutator})
 * and runs them through a Rowspace connection on a small database with a trained tiny space and
 * predictors. Every failure must be an SQLException with a SQLSTATE (not XX000) and a message
 * without Java internals, and the connection must still work afterwards; anything else is a
 * {@link FuzzFinding}. The same seed gives the same statements.
 *
 * <pre>
 * java -cp CLASSPATH io.rowspace.bench.StatementFuzzer [--statements 100000] [--seed 1]
 *     [--timeout 30]
 * </pre>
 *
 * <p>The database is an in-memory H2 one. The table (outcomes by mutation, SQLSTATEs, findings)
 * goes to standard output and to {@code examples/target/benchmarks/fuzz-<date>.md}; progress
 * goes to standard error.
 */
public final class StatementFuzzer {
  /** Statements between two checks that the fixture and Rowspace queries still work. */
  private static final int CHECK_EVERY = 100;

  /** The outcome of a run. */
  record Report(long seed, int statements, Map<StatementMutator.Kind, int[]> byKind,
      Map<String, Integer> states, List<FuzzFinding> findings, int restores, long millis) {

    /** The report as Markdown. */
    String markdown() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%,d statements, seed %d, %.1f s (%.1f ms per "
          + "statement), %d finding(s), fixture restored %d time(s)%n%n", statements, seed,
          millis / 1000.0, millis / (double) Math.max(1, statements), findings.size(),
          restores));
      out.append("| mutation | statements | succeeded | SQLException with SQLSTATE | findings |\n");
      out.append("|---|---:|---:|---:|---:|\n");
      byKind.forEach((kind, counts) -> out.append(String.format(Locale.ROOT,
          "| %s | %,d | %,d | %,d | %,d |%n", kind.name().toLowerCase(Locale.ROOT), counts[0],
          counts[1], counts[2], counts[3])));
      out.append("\n| SQLSTATE | failures |\n|---|---:|\n");
      states.forEach((state, count) -> out.append(String.format(Locale.ROOT, "| %s | %,d |%n",
          state, count)));
      if (!findings.isEmpty()) {
        out.append("\nFindings:\n");
        for (FuzzFinding finding : findings) {
          out.append("- #").append(finding.index()).append(' ').append(finding.mutations())
              .append(": ").append(FuzzFinding.shorten(finding.problem().replace('\n', ' ')))
              .append("\n  `")
              .append(finding.sql().replace('\n', ' ')).append("`\n");
        }
      }
      return out.toString();
    }
  }

  private final String url;
  private final int timeoutSeconds;
  private Connection connection;

  /**
   * A fuzzer over the database at a Rowspace URL, which {@link #createFixture()} fills.
   *
   * @param timeoutSeconds query timeout of each statement
   */
  public StatementFuzzer(String url, int timeoutSeconds) throws SQLException {
    this.url = url;
    this.timeoutSeconds = timeoutSeconds;
    this.connection = DriverManager.getConnection(url);
  }

  /** Creates the corpus's tables, space and predictors (about a minute of training at most). */
  public void createFixture() throws SQLException {
    FuzzCorpus.create(connection);
  }

  /** Runs {@code statements} mutated statements from a seed. */
  Report run(long seed, int statements) throws SQLException {
    Random random = new Random(seed);
    StatementMutator mutator = new StatementMutator(random);
    Map<StatementMutator.Kind, int[]> byKind = new EnumMap<>(StatementMutator.Kind.class);
    Map<String, Integer> states = new TreeMap<>();
    List<FuzzFinding> findings = new ArrayList<>();
    int restores = 0;
    long start = System.nanoTime();
    for (int i = 1; i <= statements; i++) {
      String original = FuzzCorpus.STATEMENTS.get(random.nextInt(FuzzCorpus.STATEMENTS.size()));
      StatementMutator.Mutant mutant = mutator.mutate(original);
      Throwable failure = execute(mutant.sql());
      String problem = failure == null ? null : FuzzFinding.problemWith(failure);
      if (failure instanceof SQLException sql && sql.getSQLState() != null) {
        states.merge(sql.getSQLState(), 1, Integer::sum);
      }
      if (problem == null && failure != null) {
        problem = stillUsable();
      }
      for (StatementMutator.Kind kind : mutant.kinds()) {
        int[] counts = byKind.computeIfAbsent(kind, k -> new int[4]);
        counts[0]++;
        counts[failure == null ? 1 : problem == null ? 2 : 3]++;
      }
      if (problem != null) {
        findings.add(new FuzzFinding(i, FuzzFinding.shorten(mutant.sql()), mutant.kinds(),
            problem));
      }
      if (i % CHECK_EVERY == 0) {
        if (FuzzCorpus.restoreRows(connection)) {
          restores++;
        }
        String broken = rowspaceQueriesWork();
        if (broken != null) {
          findings.add(new FuzzFinding(i, "(check after statement " + i + ")", List.of(),
              broken));
        }
        System.err.printf(Locale.ROOT, "%,d statements, %d finding(s)%n", i, findings.size());
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Report(seed, statements, byKind, states, findings, restores, millis);
  }

  /** Runs one statement and reads its results; returns what it threw, or null. */
  private Throwable execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      boolean hasResults = statement.execute(sql);
      while (hasResults || statement.getUpdateCount() != -1) {
        if (hasResults) {
          try (ResultSet rs = statement.getResultSet()) {
            int columns = rs.getMetaData().getColumnCount();
            for (int row = 0; row < 50 && rs.next(); row++) {
              for (int column = 1; column <= columns; column++) {
                rs.getObject(column);
              }
            }
          }
        }
        hasResults = statement.getMoreResults();
      }
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  /** Null if a plain query still runs after a failure; otherwise what is wrong (and reopens). */
  private String stillUsable() throws SQLException {
    Throwable failure = execute("SELECT COUNT(*) FROM shop");
    if (failure == null) {
      return null;
    }
    reopen();
    return "connection unusable afterwards: " + failure;
  }

  /** Null if a query calling a Rowspace function still runs; otherwise what is wrong. */
  private String rowspaceQueriesWork() throws SQLException {
    Throwable failure = execute("SELECT id, PREDICT('churn') FROM shop WHERE id = 1");
    if (failure == null) {
      return null;
    }
    String problem = FuzzFinding.problemWith(failure);
    if (problem == null && "42704".equals(((SQLException) failure).getSQLState())) {
      // A mutation replaced or dropped a model of the fixture (e.g. swapped names in CREATE OR
      // REPLACE): that is allowed, so the fixture's models are trained again.
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE IF EXISTS shop_space CASCADE");
        statement.execute("DROP TABLE shop_notes");
        statement.execute("DROP TABLE shop");
      }
      createFixture();
      return null;
    }
    reopen();
    return "PREDICT no longer runs: " + failure;
  }

  private void reopen() throws SQLException {
    try {
      connection.close();
    } catch (SQLException e) {
      // The connection is broken already; a new one replaces it.
    }
    connection = DriverManager.getConnection(url);
  }

  void close() throws SQLException {
    connection.close();
  }

  public static void main(String[] args) throws Exception {
    int statements = 100_000;
    long seed = 1;
    int timeout = 30;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
      case "--statements" -> statements = Integer.parseInt(args[++i]);
      case "--seed" -> seed = Long.parseLong(args[++i]);
      case "--timeout" -> timeout = Integer.parseInt(args[++i]);
      default -> throw new IllegalArgumentException("Unknown option " + args[i]
          + "; options: --statements N, --seed S, --timeout SECONDS");
      }
    }
    StatementFuzzer fuzzer = new StatementFuzzer("jdbc:rowspace:h2:mem:fuzz_" + seed, timeout);
    System.err.println("Training the fixture's tiny space and predictors ...");
    fuzzer.createFixture();
    Report report = fuzzer.run(seed, statements);
    fuzzer.close();
    String markdown = report.markdown();
    System.out.print(markdown);
    Path folder = Path.of("examples", "target", "benchmarks");
    write(folder.resolve("fuzz-" + LocalDate.now(ZoneOffset.UTC) + ".md"),
        "# Statement fuzzer, " + LocalDate.now(ZoneOffset.UTC) + "\n\n" + markdown);
    System.exit(report.findings().isEmpty() ? 0 : 1);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    // Mutated statements may hold lone surrogates, which UTF-8 cannot encode: they become '?'.
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    System.err.println("Wrote " + file);
  }
}
