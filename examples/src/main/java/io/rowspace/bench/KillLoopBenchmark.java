package io.rowspace.bench;

import io.rowspace.jdbc.BackingDatabase;
import io.rowspace.jdbc.DurableH2Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Kill -9 at random moments during model statements on an embedded database file, and count what
 * is lost. Each cycle starts a {@link KillLoopWorkload} process over the file, kills it
 * ({@code destroyForcibly}) at a random moment while it commits user rows and runs
 * {@code CREATE EMBEDDING SPACE}, {@code CREATE OR REPLACE}, {@code REFRESH} or
 * {@code CREATE PREDICTOR} on a small generated table of birds, then opens the file and checks it
 * ({@link KillLoopCheck}). Prints a table per statement kind killed and writes it to a file.
 *
 * <p>{@code java -cp ... io.rowspace.bench.KillLoopBenchmark [CYCLES [MINUTES [OUTPUT.md]]]}:
 * at most CYCLES cycles (default 20), stopping after MINUTES of wall clock (default none);
 * the table goes to {@code examples/target/kill-loop.md} unless OUTPUT is given.
 */
public final class KillLoopBenchmark {
  /** Rows of the generated table. */
  static final int BIRDS = 120;
  /**
   * Half the kills come within this many milliseconds of the process saying it is ready (while
   * it starts its first statement), the other half up to {@link #LATE_KILL_MILLIS}, so that some
   * statements finish and their models are checked as committed.
   */
  private static final long EARLY_KILL_MILLIS = 4000;
  private static final long LATE_KILL_MILLIS = 12000;

  private KillLoopBenchmark() {
  }

  /** What a run found: cycles, what they killed, what the checks saw. */
  record Result(int cycles, Map<KillLoopWorkload.Kind, int[]> byKind, int idleKills,
      int finishedStatements, int readyModelsChecked, int rowsChecked, List<String> losses,
      double seconds) {
    /** Kills that landed while a model statement ran. */
    int statementKills() {
      return byKind.values().stream().mapToInt(counts -> counts[0]).sum();
    }

    String markdown() {
      StringBuilder table = new StringBuilder("| killed during | cycles | losses |\n|---|---:|---:|\n");
      for (Map.Entry<KillLoopWorkload.Kind, int[]> kind : byKind.entrySet()) {
        table.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", kind.getKey(),
            kind.getValue()[0], kind.getValue()[1]));
      }
      table.append(String.format(Locale.ROOT, "| between statements | %d | — |%n", idleKills));
      table.append(String.format(Locale.ROOT, "%nCycles: %d in %.0f s. Statements that returned "
          + "before a kill: %d. Checked after the kills: %d READY models (checksum and a query "
          + "each), %d user rows. Losses: %d.%n", cycles, seconds, finishedStatements,
          readyModelsChecked, rowsChecked, losses.size()));
      for (String loss : losses) {
        table.append("- ").append(loss).append('\n');
      }
      return table.toString();
    }
  }

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    double minutes = args.length > 1 ? Double.parseDouble(args[1]) : Double.POSITIVE_INFINITY;
    Path output = args.length > 2 ? Path.of(args[2])
        : DatasetBenchmark.repositoryRoot().resolve("examples/target/kill-loop.md");
    Path folder = Files.createTempDirectory("rowspace-kill-loop");
    Result result = run(folder, cycles, minutes, 42, System.err);
    String report = "Kill loop " + Instant.now() + ", " + Runtime.getRuntime()
        .availableProcessors() + " cores, " + System.getProperty("os.name") + "\n\n"
        + result.markdown();
    System.out.println(report);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, report);
    if (!result.losses().isEmpty()) {
      System.exit(1);
    }
  }

  /**
   * Runs the loop on a new database in {@code folder}.
   *
   * @param log where each cycle's line goes
   */
  static Result run(Path folder, int cycles, double minutes, long seed, PrintStream log)
      throws Exception {
    String path = folder.resolve("birds").toAbsolutePath().toString();
    String url = "jdbc:rowspace:h2:" + path;
    String h2Url = DurableH2Settings.apply("jdbc:h2:" + path);
    Random random = new Random(seed);
    long started = System.nanoTime();
    create(url);
    BackingDatabase.close(h2Url);
    KillLoopCheck check = new KillLoopCheck(url, h2Url);
    Set<Integer> rows = new TreeSet<>();
    Set<String> models = new TreeSet<>();
    models.add(KillLoopWorkload.BASE_SPACE.toUpperCase(Locale.ROOT));
    KillLoopWorkload.REPLACED_SPACES.forEach(s -> models.add(s.toUpperCase(Locale.ROOT)));
    KillLoopWorkload.PREDICTORS.forEach(p -> models.add(p.toUpperCase(Locale.ROOT)));
    Map<KillLoopWorkload.Kind, int[]> byKind = new EnumMap<>(KillLoopWorkload.Kind.class);
    for (KillLoopWorkload.Kind kind : KillLoopWorkload.Kind.values()) {
      byKind.put(kind, new int[2]);
    }
    int idle = 0;
    int[] finished = {0};
    int readyChecked = 0;
    int rowsChecked = 0;
    List<String> losses = new ArrayList<>();
    int cycle = 0;
    while (cycle < cycles && (System.nanoTime() - started) / 60e9 < minutes) {
      cycle++;
      String running = killOnce(url, random, rows, models, finished);
      KillLoopCheck.Outcome outcome = check.check(rows, models);
      BackingDatabase.close(h2Url);
      readyChecked += outcome.readyModels();
      rowsChecked += outcome.rows();
      for (String loss : outcome.losses()) {
        losses.add("cycle " + cycle + ": " + loss);
      }
      if (running == null) {
        idle++;
      } else {
        int[] counts = byKind.get(KillLoopWorkload.Kind.valueOf(running.split(" ")[0]));
        counts[0]++;
        counts[1] += outcome.losses().size();
      }
      log.printf(Locale.ROOT, "cycle %d: killed during %s; %d READY models, %d rows; %s%n",
          cycle, running == null ? "no statement" : running, outcome.readyModels(),
          outcome.rows(), outcome.losses().isEmpty() ? "nothing lost" : outcome.losses());
    }
    return new Result(cycle, byKind, idle, finished[0], readyChecked, rowsChecked, losses,
        (System.nanoTime() - started) / 1e9);
  }

  /** The database before the first kill: the table, a ledger of user rows, the fixed models. */
  private static void create(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE birds (id INTEGER PRIMARY KEY, species VARCHAR(12), "
          + "island VARCHAR(12), bill_mm DOUBLE PRECISION, flipper_mm DOUBLE PRECISION, "
          + "mass_g DOUBLE PRECISION, sex VARCHAR(6))");
      statement.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, note VARCHAR(100))");
      String[] species = {"Adelie", "Gentoo", "Chinstrap"};
      String[] islands = {"Biscoe", "Dream", "Torgersen"};
      Random random = new Random(7);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO birds VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int id = 1; id <= BIRDS; id++) {
          int s = random.nextInt(3);
          insert.setInt(1, id);
          insert.setString(2, species[s]);
          insert.setString(3, islands[(s + random.nextInt(2)) % 3]);
          insert.setDouble(4, 38 + 6 * s + random.nextGaussian() * 2);
          insert.setDouble(5, 190 + 12 * s + random.nextGaussian() * 5);
          insert.setDouble(6, 3700 + 700 * (s % 2) + random.nextGaussian() * 300);
          insert.setString(7, random.nextBoolean() ? "male" : "female");
          insert.addBatch();
        }
        insert.executeBatch();
      }
      String options = " WITH (epochs = 1, d_model = 16, batch_size = 64)";
      statement.execute("CREATE EMBEDDING SPACE " + KillLoopWorkload.BASE_SPACE + " ON birds"
          + options);
      for (String space : KillLoopWorkload.REPLACED_SPACES) {
        statement.execute("CREATE EMBEDDING SPACE " + space + " ON birds" + options);
      }
      for (String predictor : KillLoopWorkload.PREDICTORS) {
        statement.execute("CREATE PREDICTOR " + predictor + " ON " + KillLoopWorkload.BASE_SPACE
            + " TARGET species WITH (epochs = 1)");
      }
    }
  }

  /**
   * Starts a workload process, kills it at a random moment, and records what it reported
   * durable. Returns the statement it was running when killed, or null if none was.
   */
  private static String killOnce(String url, Random random, Set<Integer> rows,
      Set<String> models, int[] finished) throws IOException, InterruptedException {
    int firstRow = rows.isEmpty() ? 1 : ((TreeSet<Integer>) rows).last() + 1;
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
        "bin", "java").toString(), "-Dai.djl.offline=true", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), KillLoopWorkload.class.getName(), url,
        Long.toString(random.nextLong()), Integer.toString(firstRow)));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> said = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          said.add(line);
        }
      } catch (IOException e) {
        said.add("unreadable output: " + e.getMessage());
      }
    });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!said.contains("ready") && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(random.nextBoolean() ? random.nextLong(EARLY_KILL_MILLIS)
        : random.nextLong(EARLY_KILL_MILLIS, LATE_KILL_MILLIS));
    process.destroyForcibly();
    process.waitFor();
    reader.join();
    String running = null;
    synchronized (said) {
      for (String line : said) {
        if (line.startsWith("row ")) {
          rows.add(Integer.parseInt(line.substring(4)));
        } else if (line.startsWith("start ")) {
          running = line.substring(6);
        } else if (line.startsWith("done ")) {
          models.add(line.substring(5).split(" ")[1]);
          finished[0]++;
          running = null;
        }
      }
    }
    return running;
  }
}
