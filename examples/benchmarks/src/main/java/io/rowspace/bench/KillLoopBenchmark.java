package io.rowspace.bench;

import io.rowspace.sql.backing.BackingDatabase;
import io.rowspace.sql.backing.DurableH2Settings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Kill -9 at random moments during model statements on an embedded database file, and count what
 * is lost. Each cycle starts a {@link KillLoopWorkload} process over the file, kills it
 * ({@code destroyForcibly}) at a random moment while it starts, commits user rows and runs
 * {@code CREATE EMBEDDING SPACE}, {@code CREATE OR REPLACE}, {@code REFRESH} or
 * {@code CREATE OR REPLACE PREDICTOR} (each saving a checkpoint after every epoch) on a small
 * generated table of birds, then opens the file in this process and checks it
 * ({@link KillLoopCheck}). Prints a line per cycle and a table per statement kind killed, which
 * it also writes to a file.
 *
 * <p>What keeps a cycle cheap and its cost flat: the workload processes start from a class-data
 * archive ({@code -XX:SharedArchiveFile}) written once by a warm-up run; the check verifies the
 * bytes and answers of the models touched since the last check plus a random sample of the
 * others (the catalog's versions and checksums of every model each time); and every
 * {@link #ROTATE_EVERY} cycles the file gets a full check and the loop goes on with a fresh copy
 * of the starting database, so no file grows without bound.
 *
 * <p>{@code java -cp ... io.rowspace.bench.KillLoopBenchmark [CYCLES [MINUTES [OUTPUT.md]]]}:
 * at most CYCLES cycles (default 20), stopping after MINUTES of wall clock (default none);
 * the table goes to {@code examples/target/kill-loop.md} unless OUTPUT is given.
 *
 * <p>Longer than our classes usually are (about 520 lines): the loop, its timing of kills and
 * the rotation of files are one procedure whose steps depend on each other's state; the workload
 * and the check, which can stand alone, are classes of their own.
 */
public final class KillLoopBenchmark {
  /** Rows of the generated table. */
  static final int BIRDS = 120;
  /**
   * Kills come at a random moment up to a window after the process said it was ready. The
   * window starts at this many milliseconds and follows the time a process takes to finish its
   * first statement (times {@link #WINDOW_PER_FIRST_STATEMENT}), so that about half the kills
   * land in a first statement and the rest in the ones after, whatever the machine's speed.
   */
  private static final long KILL_WINDOW_MILLIS = 3000;
  private static final double WINDOW_PER_FIRST_STATEMENT = 2.0;
  /** The share of kills that come while the process starts (opens the file), before ready. */
  private static final double STARTUP_KILLS = 0.15;
  /** Cycles on one database file before its full check and a fresh file. */
  static final int ROTATE_EVERY = 50;
  /** Untouched models whose bytes and answers each check verifies again. */
  private static final int SAMPLE = 4;

  private KillLoopBenchmark() {
  }

  /** What a run found: cycles, what they killed, what the checks saw. */
  record Result(int cycles, Map<KillLoopWorkload.Kind, int[]> byKind, int idleKills,
      int startupKills, int finishedStatements, int resumedStatements, int readyModelsChecked,
      int modelsVerified, int rowsChecked, int files, List<String> losses, double seconds,
      double loopSeconds, CpuTime cpu) {
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
      table.append(String.format(Locale.ROOT, "| start-up (opening the file) | %d | — |%n",
          startupKills));
      table.append(String.format(Locale.ROOT, "%nCycles: %d in %.0f s (%.0f s of set-up: the "
          + "starting database and the class-data archive; then %.2f s of wall clock and %.2f s "
          + "of CPU a cycle, %.2f s of it in the killed processes), on %d "
          + "database file(s). Statements that returned before a kill: %d, of which %d resumed "
          + "from a checkpoint. Checked after the kills: %d READY models by catalog version and "
          + "checksum, %d of them verified (stored bytes against the checksum and a query), %d "
          + "user rows. Losses: %d.%n", cycles, seconds, seconds - loopSeconds,
          cycles == 0 ? 0 : loopSeconds / cycles, cycles == 0 ? 0 : cpu.total() / cycles,
          cycles == 0 ? 0 : cpu.children() / cycles, files, finishedStatements, resumedStatements,
          readyModelsChecked, modelsVerified,
          rowsChecked, losses.size()));
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
    Files.createDirectories(output.toAbsolutePath().getParent());
    String header = "Kill loop " + Instant.now() + ", " + Runtime.getRuntime()
        .availableProcessors() + " cores, " + System.getProperty("os.name") + "\n\n";
    Result result = run(folder, cycles, minutes, 42, System.err,
        partial -> write(output, header + "(in progress)\n\n" + partial.markdown()));
    String report = header + result.markdown();
    System.out.println(report);
    write(output, report);
    if (!result.losses().isEmpty()) {
      System.exit(1);
    }
  }

  private static void write(Path output, String text) {
    try {
      Files.writeString(output, text);
    } catch (IOException e) {
      System.err.println("cannot write " + output + ": " + e.getMessage());
    }
  }

  /** Runs the loop on new databases in {@code folder}, writing no partial tables. */
  static Result run(Path folder, int cycles, double minutes, long seed, PrintStream log)
      throws Exception {
    return run(folder, cycles, minutes, seed, log, partial -> { });
  }

  /**
   * Runs the loop on new databases in {@code folder}.
   *
   * @param log where each cycle's line goes
   * @param partial given the result so far every ten cycles
   */
  static Result run(Path folder, int cycles, double minutes, long seed, PrintStream log,
      Consumer<Result> partial) throws Exception {
    long started = System.nanoTime();
    Path template = folder.resolve("template");
    String templateUrl = "jdbc:rowspace:h2:" + template.toAbsolutePath();
    create(templateUrl);
    BackingDatabase.close(DurableH2Settings.apply("jdbc:h2:" + template.toAbsolutePath()));
    List<String> java = javaCommand(folder, template, log);
    log.printf(Locale.ROOT, "kill loop: starting database and class-data archive ready in "
        + "%.1f s%n", (System.nanoTime() - started) / 1e9);
    Random random = new Random(seed);
    Map<KillLoopWorkload.Kind, int[]> byKind = new EnumMap<>(KillLoopWorkload.Kind.class);
    for (KillLoopWorkload.Kind kind : KillLoopWorkload.Kind.values()) {
      byKind.put(kind, new int[2]);
    }
    int[] counters = new int[3]; // finished, resumed, start-up kills
    int idle = 0;
    int readyChecked = 0;
    int verified = 0;
    int rowsChecked = 0;
    List<String> losses = new ArrayList<>();
    int cycle = 0;
    int files = 0;
    DatabaseFile file = null;
    long startupMillis = 2000;
    double window = KILL_WINDOW_MILLIS;
    long loopStarted = System.nanoTime();
    CpuTime cpuStart = CpuTime.now();
    while (cycle < cycles && (System.nanoTime() - started) / 60e9 < minutes) {
      if (file == null || file.cycles == ROTATE_EVERY) {
        if (file != null) {
          losses.addAll(file.finalCheck(cycle, log));
        }
        files++;
        file = new DatabaseFile(folder, template, files, random.nextLong());
      }
      cycle++;
      file.cycles++;
      Set<String> touched = new TreeSet<>();
      Kill kill = killOnce(java, file, random, startupMillis, (long) window, touched,
          counters);
      if (kill.readyMillis > 0) {
        startupMillis = kill.readyMillis;
      }
      window = kill.firstDoneMillis > 0
          ? 0.8 * window + 0.2 * WINDOW_PER_FIRST_STATEMENT * kill.firstDoneMillis
          : kill.afterMillis >= 0.8 * window && kill.running != null ? window * 1.1 : window;
      window = Math.max(1000, Math.min(30_000, window));
      KillLoopCheck.Outcome outcome = file.check.check(file.rows, file.models, touched, false);
      BackingDatabase.close(file.h2Url);
      readyChecked += outcome.readyModels();
      verified += outcome.modelsVerified();
      rowsChecked += outcome.rows();
      for (String loss : outcome.losses()) {
        losses.add("cycle " + cycle + " (file " + files + "): " + loss);
      }
      if (kill.running == null) {
        if (kill.beforeReady) {
          counters[2]++;
        } else {
          idle++;
        }
      } else {
        int[] counts = byKind.get(KillLoopWorkload.Kind.valueOf(kill.running.split(" ")[0]));
        counts[0]++;
        counts[1] += outcome.losses().size();
      }
      double elapsed = (System.nanoTime() - loopStarted) / 1e9;
      CpuTime cpu = CpuTime.now().minus(cpuStart);
      log.printf(Locale.ROOT, "cycle %d/%d (file %d): killed %s after %d ms; %d READY models "
          + "(%d verified), %d rows; %s; %.2f s a cycle (CPU %.2f s: %.2f here, %.2f in the "
          + "killed processes), %.0f s to go%n", cycle, cycles, files,
          kill.running != null ? "during " + kill.running
              : kill.beforeReady ? "while starting" : "between statements",
          kill.afterMillis, outcome.readyModels(), outcome.modelsVerified(), outcome.rows(),
          outcome.losses().isEmpty() ? "nothing lost" : outcome.losses(), elapsed / cycle,
          cpu.total() / cycle, cpu.self() / cycle, cpu.children() / cycle,
          elapsed / cycle * (cycles - cycle));
      if (cycle % 10 == 0) {
        partial.accept(new Result(cycle, byKind, idle, counters[2], counters[0], counters[1],
            readyChecked, verified, rowsChecked, files, List.copyOf(losses),
            (System.nanoTime() - started) / 1e9, elapsed, cpu));
      }
    }
    if (file != null) {
      losses.addAll(file.finalCheck(cycle, log));
    }
    return new Result(cycle, byKind, idle, counters[2], counters[0], counters[1], readyChecked,
        verified, rowsChecked, files, losses, (System.nanoTime() - started) / 1e9,
        (System.nanoTime() - loopStarted) / 1e9, CpuTime.now().minus(cpuStart));
  }

  /** One database file of the loop: a copy of the starting one, and what it must hold. */
  private static final class DatabaseFile {
    final String url;
    final String h2Url;
    final KillLoopCheck check;
    final Set<Integer> rows = new TreeSet<>();
    final Set<String> models = new TreeSet<>();
    final int number;
    final Path folder;
    int cycles;
    /** The statement the last process was killed in, for the next one to run again. */
    String killedStatement;

    DatabaseFile(Path folder, Path template, int number, long seed) throws IOException {
      Path path = folder.resolve("file" + number).resolve("birds");
      Files.createDirectories(path.getParent());
      Files.copy(Path.of(template + ".mv.db"), Path.of(path + ".mv.db"),
          StandardCopyOption.REPLACE_EXISTING);
      this.number = number;
      this.folder = path.getParent();
      this.url = "jdbc:rowspace:h2:" + path.toAbsolutePath();
      this.h2Url = DurableH2Settings.apply("jdbc:h2:" + path.toAbsolutePath());
      this.check = new KillLoopCheck(url, h2Url, SAMPLE, seed);
      models.add(KillLoopWorkload.BASE_SPACE.toUpperCase(Locale.ROOT));
      KillLoopWorkload.REPLACED_SPACES.forEach(s -> models.add(s.toUpperCase(Locale.ROOT)));
      KillLoopWorkload.PREDICTORS.forEach(p -> models.add(p.toUpperCase(Locale.ROOT)));
    }

    /**
     * Every READY model's bytes and answers, every row: the file's last check. A file without
     * a loss is deleted afterwards (a run of 1,000 cycles would otherwise keep 20 files); one
     * with a loss is kept for a look.
     */
    List<String> finalCheck(int cycle, PrintStream log) {
      KillLoopCheck.Outcome outcome = check.check(rows, models, Set.of(), true);
      BackingDatabase.close(h2Url);
      if (outcome.losses().isEmpty()) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(file);
          }
        } catch (IOException e) {
          log.println("kill loop: cannot delete " + folder + ": " + e.getMessage());
        }
      }
      log.printf(Locale.ROOT, "file %d after %d cycles, full check: %d READY models verified, "
          + "%d rows; %s%n", number, cycles, outcome.modelsVerified(), outcome.rows(),
          outcome.losses().isEmpty() ? "nothing lost" : outcome.losses());
      return outcome.losses().stream().map(l -> "full check of file " + number + " after cycle "
          + cycle + ": " + l).toList();
    }
  }

  /**
   * The command that starts a workload process: the least the JVM needs to start fast (C1
   * only, serial GC) and, when the warm-up run could write it, the class-data archive of the
   * classes a workload loads.
   */
  private static List<String> javaCommand(Path folder, Path template, PrintStream log)
      throws IOException, InterruptedException {
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Dai.djl.offline=true", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto"));
    String classPath = jarredClassPath(folder);
    Path archive = folder.resolve("workload.jsa");
    Path warm = folder.resolve("warm-up").resolve("birds");
    Files.createDirectories(warm.getParent());
    Files.copy(Path.of(template + ".mv.db"), Path.of(warm + ".mv.db"));
    List<String> dump = new ArrayList<>(java);
    dump.add("-XX:ArchiveClassesAtExit=" + archive);
    dump.addAll(List.of("-cp", classPath, KillLoopWorkload.class.getName(),
        "jdbc:rowspace:h2:" + warm.toAbsolutePath(), "1",
        "1000000", "--warm-up"));
    Process warmUp = new ProcessBuilder(dump).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    boolean ended = warmUp.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      warmUp.destroyForcibly().waitFor();
    }
    if (ended && warmUp.exitValue() == 0 && Files.size(archive) > 0) {
      java.add("-XX:SharedArchiveFile=" + archive);
    } else {
      log.println("kill loop: the warm-up run could not write a class-data archive; workload "
          + "processes start without one");
    }
    java.addAll(List.of("-cp", classPath, KillLoopWorkload.class.getName()));
    return java;
  }

  /**
   * This process's class path with every directory (a module's {@code target/classes}) packed
   * into a jar in {@code folder}: a class-data archive accepts jars only.
   */
  private static String jarredClassPath(Path folder) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.isDirectory(path)) {
        entries.add(entry);
        continue;
      }
      Path jar = folder.resolve("classes-" + (n++) + ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
           Stream<Path> files = Files.walk(path)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          out.putNextEntry(new JarEntry(path.relativize(file).toString()
              .replace(File.separatorChar, '/')));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
      entries.add(jar.toString());
    }
    return String.join(File.pathSeparator, entries);
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
      String options = " " + KillLoopWorkload.SPACE_OPTIONS;
      statement.execute("CREATE EMBEDDING SPACE " + KillLoopWorkload.BASE_SPACE + " ON birds"
          + options);
      for (String space : KillLoopWorkload.REPLACED_SPACES) {
        statement.execute("CREATE EMBEDDING SPACE " + space + " ON birds" + options);
      }
      for (String predictor : KillLoopWorkload.PREDICTORS) {
        statement.execute("CREATE PREDICTOR " + predictor + " ON " + KillLoopWorkload.BASE_SPACE
            + " TARGET species " + KillLoopWorkload.PREDICTOR_OPTIONS);
      }
    }
  }

  /**
   * How a kill went: the statement it interrupted (or null), when it came (after ready, or
   * after start when it came before), when the process was ready and when it finished its first
   * statement (0: it did not), in milliseconds from its start.
   */
  private record Kill(String running, boolean beforeReady, long afterMillis, long readyMillis,
      long firstDoneMillis) {
  }

  /**
   * CPU seconds of this process and of the child processes it has waited for (the killed
   * workloads), from {@code /proc/self/stat}; zeros where that cannot be read.
   */
  record CpuTime(double self, double children) {
    static CpuTime now() {
      try {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double tick = 100.0; // USER_HZ on Linux
        return new CpuTime((Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick,
            (Long.parseLong(f[13]) + Long.parseLong(f[14])) / tick);
      } catch (IOException | RuntimeException e) {
        return new CpuTime(0, 0);
      }
    }

    CpuTime minus(CpuTime start) {
      return new CpuTime(self - start.self, children - start.children);
    }

    double total() {
      return self + children;
    }
  }

  /**
   * Starts a workload process, kills it at a random moment, and records what it reported
   * durable and which models it touched.
   */
  private static Kill killOnce(List<String> java, DatabaseFile file, Random random,
      long startupMillis, long window, Set<String> touched, int[] counters)
      throws IOException, InterruptedException {
    int firstRow = file.rows.isEmpty() ? 1 : ((TreeSet<Integer>) file.rows).last() + 1;
    List<String> command = new ArrayList<>(java);
    command.addAll(List.of(file.url, Long.toString(random.nextLong()),
        Integer.toString(firstRow)));
    // Half the statements killed are run again first, as a user would after a crash (and they
    // resume from their checkpoint); the others are left, so that one statement too long for
    // the kill window does not take every cycle.
    if (file.killedStatement != null && random.nextBoolean()) {
      command.add(file.killedStatement);
    }
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> said = Collections.synchronizedList(new ArrayList<>());
    long[] readyAt = {0};
    long[] firstDoneAt = {0};
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.equals("ready")) {
            readyAt[0] = System.nanoTime();
          } else if (firstDoneAt[0] == 0
              && (line.startsWith("done ") || line.startsWith("resumed "))) {
            firstDoneAt[0] = System.nanoTime();
          }
          said.add(line);
        }
      } catch (IOException e) {
        said.add("unreadable output: " + e.getMessage());
      }
    });
    reader.start();
    boolean beforeReady = random.nextDouble() < STARTUP_KILLS;
    if (beforeReady) {
      Thread.sleep(random.nextLong(Math.max(1, startupMillis)));
    } else {
      long deadline = started + TimeUnit.SECONDS.toNanos(120);
      while (readyAt[0] == 0 && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      Thread.sleep(random.nextLong(Math.max(1, window)));
    }
    process.destroyForcibly();
    long killedAt = System.nanoTime();
    process.waitFor();
    reader.join();
    String running = null;
    boolean ready = false;
    synchronized (said) {
      for (String line : said) {
        if (line.equals("ready")) {
          ready = true;
        } else if (line.startsWith("row ")) {
          file.rows.add(Integer.parseInt(line.substring(4)));
        } else if (line.startsWith("start ")) {
          running = line.substring(6);
          touched.add(running.split(" ")[1]);
        } else if (line.startsWith("done ") || line.startsWith("resumed ")) {
          file.models.add(line.substring(line.indexOf(' ') + 1).split(" ")[1]);
          counters[0]++;
          if (line.startsWith("resumed ")) {
            counters[1]++;
          }
          running = null;
        }
      }
    }
    file.killedStatement = running;
    long readyMillis = readyAt[0] == 0 ? 0 : (readyAt[0] - started) / 1_000_000;
    return new Kill(running, !ready, (killedAt - (ready ? readyAt[0] : started)) / 1_000_000,
        readyMillis, firstDoneAt[0] == 0 || readyAt[0] == 0 ? 0
            : (firstDoneAt[0] - readyAt[0]) / 1_000_000);
  }
}
