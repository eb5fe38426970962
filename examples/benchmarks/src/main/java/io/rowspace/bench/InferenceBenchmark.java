package io.rowspace.bench;

import static io.rowspace.bench.Measurements.median;
import static io.rowspace.bench.Measurements.processCpuNanos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Inference speed through the JDBC driver: batched {@code PREDICT} rows/s over a 10-column
 * table and single-row prepared {@code PREDICT} latency (a predictor trained on the smallest
 * table, scored on every table), and {@code SIMILAR_ROWS} latency and recall@10 at several table
 * sizes, each beside the plain-SQL cost of reading the same rows.
 *
 * <pre>
 * java -Xmx8g -cp CLASSPATH io.rowspace.bench.InferenceBenchmark \
 *     [--sizes 10000,100000,1000000] [--queries 200] [--single-rows 2000] [--folder PATH]
 *     [--search-only | --predict-only | --compare-paths]
 * </pre>
 *
 * <p>Tables are generated in an H2 file database under {@code --folder} (default
 * {@code examples/target/benchmarks/inference-db}, emptied first). Spaces over more than 10,000
 * rows are trained on a sample ({@code max_rows = 10000}) and embed every row. Above a space's
 * {@code exact_search_rows} (default 200,000) SIMILAR_ROWS goes through the HNSW index; recall@10
 * is measured there against exact search of the same vectors, on a second connection with
 * {@code rowspace.exactSearch=true}. {@code --search-only} measures SIMILAR_ROWS again on the
 * tables and spaces an earlier run left in the folder, generating and training nothing;
 * {@code --predict-only} measures PREDICT alone; {@code --compare-paths} measures PREDICT with the
 * PyTorch and the Java forward pass ({@code rowspace.inference}) interleaved in one process. The
 * table goes to standard output and, with
 * notes, to {@code examples/target/benchmarks/inference-<date>.md}; progress goes to standard
 * error.
 *
 * <p>Longer than our classes usually are (about 550 lines): a benchmark program whose phases
 * (generate, train, measure PREDICT, measure SIMILAR_ROWS, write the table) read top to bottom in
 * one file, so a reader can check what each figure in {@code docs/benchmarks.md} measured.
 */
public final class InferenceBenchmark {
  private static final int K = 10;
  private static final int SAMPLE_ROWS = 10_000;
  private static final int DEFAULT_EXACT_ROWS = 200_000;
  private static final int BATCH_RUNS = 3;

  private final InferenceReport report = new InferenceReport();
  private final Connection connection;
  private final Connection exactConnection;
  private final int queries;
  private final int singleRows;

  private InferenceBenchmark(Connection connection, Connection exactConnection, int queries,
      int singleRows) {
    this.connection = connection;
    this.exactConnection = exactConnection;
    this.queries = queries;
    this.singleRows = singleRows;
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    int[] sizes = {10_000, 100_000, 1_000_000};
    int queries = 200;
    int singleRows = 2000;
    boolean searchOnly = false;
    boolean predictOnly = false;
    boolean comparePaths = false;
    Path folder = Path.of("examples", "target", "benchmarks", "inference-db");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(String::trim)
            .mapToInt(Integer::parseInt).sorted().toArray();
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        case "--single-rows" -> singleRows = Integer.parseInt(args[++i]);
        case "--folder" -> folder = Path.of(args[++i]);
        case "--search-only" -> searchOnly = true;
        case "--predict-only" -> predictOnly = true;
        case "--compare-paths" -> comparePaths = true;
        default -> {
          System.err.println("usage: InferenceBenchmark [--sizes 10000,100000,1000000] "
              + "[--queries 200] [--single-rows 2000] [--folder PATH] "
              + "[--search-only | --predict-only | --compare-paths]");
          System.exit(2);
        }
      }
    }
    if (!searchOnly) {
      emptyFolder(folder);
    }
    String url = "jdbc:rowspace:h2:" + folder.toAbsolutePath().resolve("inference");
    String load = loadAverage();
    InferenceBenchmark benchmark;
    Properties exact = new Properties();
    exact.setProperty("rowspace.exactSearch", "true");
    try (Connection connection = DriverManager.getConnection(url);
         Connection exactConnection = DriverManager.getConnection(url, exact)) {
      benchmark = new InferenceBenchmark(connection, exactConnection, queries, singleRows);
      if (comparePaths) {
        benchmark.comparePaths(sizes);
      } else if (searchOnly) {
        for (int size : sizes) {
          benchmark.similarRows("customers_" + label(size), size, false);
        }
      } else {
        benchmark.run(sizes, !predictOnly);
      }
    }
    String table = benchmark.report.table();
    System.out.print(table);
    Path written = write(table, benchmark.report.notes(), load);
    System.err.println("Written to " + written);
  }

  private void run(int[] sizes, boolean search) throws SQLException {
    List<String> tables = new ArrayList<>();
    for (int size : sizes) {
      String table = "customers_" + label(size);
      long started = System.nanoTime();
      GeneratedRows.create(connection, table, size);
      progress("generated %,d rows in %s (%.1f s)", size, table, seconds(started));
      tables.add(table);
    }
    predictions(tables.get(0), sizes[0], tables, sizes);
    for (int i = 0; search && i < sizes.length; i++) {
      similarRows(tables.get(i), sizes[i], true);
    }
  }

  // ------------------------------------------------------------------ PREDICT

  /**
   * Trains the predictor on the first (smallest) table, then measures batched PREDICT and
   * single-row latency on every table.
   */
  private void predictions(String trainingTable, int trainingRows, List<String> tables,
      int[] sizes) throws SQLException {
    long started = System.nanoTime();
    execute("CREATE EMBEDDING SPACE churn_space ON " + trainingTable + " WITH (seed = 7, "
        + "epochs = 3, max_rows = " + SAMPLE_ROWS + ")");
    double spaceSeconds = seconds(started);
    started = System.nanoTime();
    execute("CREATE PREDICTOR churn ON churn_space TARGET churned WITH (seed = 7)");
    report.note(String.format(Locale.ROOT, "Predictor `churn` trained on %s (%,d rows): space "
        + "(3 epochs) %.1f s, predictor %.1f s.", trainingTable, trainingRows, spaceSeconds,
        seconds(started)));
    for (int i = 0; i < tables.size(); i++) {
      predictionsOn(tables.get(i), sizes[i]);
    }
  }

  private void predictionsOn(String scoredTable, int scoredRows) throws SQLException {
    String predict = "SELECT id, PREDICT('churn') FROM " + scoredTable;
    String plain = "SELECT id, " + GeneratedRows.INPUT_COLUMNS + " FROM " + scoredTable;
    double predictRate = medianRate(predict, scoredRows);
    double plainRate = medianRate(plain, scoredRows);
    report.add("batched PREDICT, `" + predict + "` (median of " + BATCH_RUNS
        + " after a warm-up run)", scoredRows,
        InferenceReport.rate(predictRate), InferenceReport.rate(plainRate),
        "≥ 20,000 rows/s", predictRate >= 20_000);

    Latencies predictLatency = new Latencies(singleRows);
    Latencies plainLatency = new Latencies(singleRows);
    try (PreparedStatement one = connection.prepareStatement(
             "SELECT PREDICT('churn') FROM " + scoredTable + " WHERE id = ?");
         PreparedStatement read = connection.prepareStatement(
             "SELECT " + GeneratedRows.INPUT_COLUMNS + " FROM " + scoredTable
                 + " WHERE id = ?")) {
      Random random = new Random(5);
      for (int i = 0; i < singleRows / 4; i++) {
        timeOne(one, 1 + random.nextInt(scoredRows));
        timeOne(read, 1 + random.nextInt(scoredRows));
      }
      for (int i = 0; i < singleRows; i++) {
        int id = 1 + random.nextInt(scoredRows);
        predictLatency.add(timeOne(one, id));
        plainLatency.add(timeOne(read, id));
      }
    }
    double p50 = predictLatency.percentileMillis(50);
    report.add("single-row prepared PREDICT (`... WHERE id = ?`) p50", scoredRows,
        InferenceReport.millis(p50), InferenceReport.millis(plainLatency.percentileMillis(50)),
        "< 2 ms", p50 < 2);
    report.add("single-row prepared PREDICT p99", scoredRows,
        InferenceReport.millis(predictLatency.percentileMillis(99)),
        InferenceReport.millis(plainLatency.percentileMillis(99)), "—", null);
  }

  /**
   * The median rate of {@link #BATCH_RUNS} runs after one warm-up run (class loading, JIT, the
   * model's first load), which is printed but not counted, as the single-row figures leave out
   * their warm-up executions.
   */
  private double medianRate(String sql, int rows) throws SQLException {
    double[] rates = new double[BATCH_RUNS];
    for (int run = -1; run < BATCH_RUNS; run++) {
      long started = System.nanoTime();
      long cpuStarted = processCpuNanos();
      int read = 0;
      try (Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(2);
          read++;
        }
      }
      if (read != rows) {
        throw new IllegalStateException(sql + " gave " + read + " rows, expected " + rows);
      }
      double rate = rows / seconds(started);
      // CPU time of the whole process (PyTorch's threads included): what a query costs on a
      // machine shared with other work, where wall time depends on the others
      double cpuRate = rows / ((processCpuNanos() - cpuStarted) / 1e9);
      progress("%s: %,.0f rows/s, %,.0f rows per CPU-second%s", sql, rate, cpuRate,
          run < 0 ? " (warm-up, not counted)" : "");
      if (run >= 0) {
        rates[run] = rate;
      }
    }
    Arrays.sort(rates);
    return rates[BATCH_RUNS / 2];
  }

  private static long timeOne(PreparedStatement statement, int id) throws SQLException {
    long started = System.nanoTime();
    statement.setInt(1, id);
    try (ResultSet rs = statement.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("No row " + id);
      }
      rs.getObject(1);
    }
    return System.nanoTime() - started;
  }

  // ------------------------------------------------------------------ inference paths

  private static final int PATH_RUNS = 5;
  private static final String[] PATHS = {"pytorch", "java"};

  /**
   * Trains the predictor on the first table, then measures batched and single-row PREDICT on
   * every table with the PyTorch and the Java forward pass ({@code rowspace.inference})
   * interleaved run by run in this one process, so a load on the machine falls on both alike;
   * wall time beside the process's CPU time (PyTorch's own threads included), medians.
   */
  private void comparePaths(int[] sizes) throws SQLException {
    List<String> tables = new ArrayList<>();
    for (int size : sizes) {
      String table = "customers_" + label(size);
      GeneratedRows.create(connection, table, size);
      tables.add(table);
    }
    long started = System.nanoTime();
    execute("CREATE EMBEDDING SPACE churn_space ON " + tables.get(0) + " WITH (seed = 7, "
        + "epochs = 3, max_rows = " + SAMPLE_ROWS + ")");
    double spaceSeconds = seconds(started);
    started = System.nanoTime();
    execute("CREATE PREDICTOR churn ON churn_space TARGET churned WITH (seed = 7)");
    report.note(String.format(Locale.ROOT, "Predictor `churn` trained on %s: space %.1f s, "
        + "predictor %.1f s.", tables.get(0), spaceSeconds, seconds(started)));
    StringBuilder table = new StringBuilder("| measure | rows | PyTorch pass | Java pass | "
        + "ratio |\n|---|---:|---:|---:|---:|\n");
    for (int t = 0; t < tables.size(); t++) {
      String scored = tables.get(t);
      int rows = sizes[t];
      String predict = "SELECT id, PREDICT('churn') FROM " + scored;
      double[][] wall = new double[2][PATH_RUNS];
      double[][] cpu = new double[2][PATH_RUNS];
      for (int run = -1; run < PATH_RUNS; run++) {
        for (int p = 0; p < 2; p++) {
          System.setProperty("rowspace.inference", PATHS[p]);
          long cpuBefore = processCpuNanos();
          long wallBefore = System.nanoTime();
          int read = 0;
          try (Statement statement = connection.createStatement();
               ResultSet rs = statement.executeQuery(predict)) {
            while (rs.next()) {
              rs.getObject(2);
              read++;
            }
          }
          if (read != rows) {
            throw new IllegalStateException(predict + " gave " + read + " rows");
          }
          if (run >= 0) {
            wall[p][run] = rows / seconds(wallBefore);
            cpu[p][run] = rows / ((processCpuNanos() - cpuBefore) / 1e9);
            progress("%s pass, %s: %,.0f rows/s, %,.0f rows per CPU-second", PATHS[p], predict,
                wall[p][run], cpu[p][run]);
          }
        }
      }
      row(table, "batched PREDICT, rows/s (wall)", rows, median(wall[0]), median(wall[1]), "%,.0f");
      row(table, "batched PREDICT, rows per CPU-second", rows, median(cpu[0]), median(cpu[1]),
          "%,.0f");
      int calls = Math.max(50, singleRows / PATH_RUNS);
      double[][] p50 = new double[2][PATH_RUNS];
      double[][] cpuPerCall = new double[2][PATH_RUNS];
      try (PreparedStatement one = connection.prepareStatement(
          "SELECT PREDICT('churn') FROM " + scored + " WHERE id = ?")) {
        Random random = new Random(5);
        for (int run = -1; run < PATH_RUNS; run++) {
          for (int p = 0; p < 2; p++) {
            System.setProperty("rowspace.inference", PATHS[p]);
            Latencies latency = new Latencies(calls);
            long cpuBefore = processCpuNanos();
            for (int i = 0; i < calls; i++) {
              latency.add(timeOne(one, 1 + random.nextInt(rows)));
            }
            if (run >= 0) {
              p50[p][run] = latency.percentileMillis(50);
              cpuPerCall[p][run] = (processCpuNanos() - cpuBefore) / 1e6 / calls;
            }
          }
        }
      }
      row(table, "single-row prepared PREDICT p50, ms (wall)", rows, median(p50[0]),
          median(p50[1]), "%.3f");
      row(table, "single-row prepared PREDICT, CPU ms per call", rows, median(cpuPerCall[0]),
          median(cpuPerCall[1]), "%.3f");
    }
    System.clearProperty("rowspace.inference");
    report.note("Inference paths side by side (" + PATH_RUNS + " interleaved runs each, "
        + "medians; ratio = the better over the other):\n\n" + table);
    System.out.print(table);
  }

  private static void row(StringBuilder table, String measure, int rows, double torch,
      double java, String format) {
    boolean higherIsBetter = measure.contains("rows");
    double ratio = higherIsBetter ? java / torch : torch / java;
    table.append("| ").append(measure).append(" | ").append(String.format(Locale.ROOT, "%,d", rows))
        .append(" | ").append(String.format(Locale.ROOT, format, torch)).append(" | ")
        .append(String.format(Locale.ROOT, format, java)).append(" | ")
        .append(String.format(Locale.ROOT, "%.1f×", ratio)).append(" |\n");
  }

  // ------------------------------------------------------------------ SIMILAR_ROWS

  private void similarRows(String table, int rows, boolean create) throws SQLException {
    String space = "similar_" + label(rows);
    String created = create ? createSpace(space, table, rows)
        : "`" + space + "` from an earlier run (--search-only).";
    boolean indexed = rows > DEFAULT_EXACT_ROWS;
    Random random = new Random(11);
    int[] keys = new int[queries];
    for (int i = 0; i < queries; i++) {
      keys[i] = 1 + random.nextInt(rows);
    }
    Latencies search = new Latencies(queries);
    Latencies plain = new Latencies(queries);
    List<double[]> found = neighbours(connection, space, keys, search);
    try (PreparedStatement read = connection.prepareStatement("SELECT * FROM " + table
        + " WHERE id IN (" + String.join(", ", Collections.nCopies(K, "?")) + ")")) {
      for (int pass = 0; pass < 2; pass++) {
        for (double[] ids : found) {
          long started = System.nanoTime();
          for (int i = 0; i < K; i++) {
            read.setInt(i + 1, (int) ids[i]);
          }
          try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
          if (pass == 1) {
            plain.add(System.nanoTime() - started);
          }
        }
      }
    }
    long scanStarted = System.nanoTime();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
      while (rs.next()) {
        rs.getObject(2);
      }
    }
    double scanMillis = seconds(scanStarted) * 1000;
    String recall = "1 (exact search)";
    Boolean met = null;
    double p50 = search.percentileMillis(50);
    if (indexed) {
      Latencies exactSearch = new Latencies(queries);
      List<double[]> exact = neighbours(exactConnection, space, keys, exactSearch);
      double value = recall(found, exact);
      recall = String.format(Locale.ROOT, "%.3f", value);
      met = p50 < 5 && value >= 0.95;
      report.add("SIMILAR_ROWS k = 10, exact (`rowspace.exactSearch=true`), p50 / p99", rows,
          InferenceReport.millis(exactSearch.percentileMillis(50)) + " / "
              + InferenceReport.millis(exactSearch.percentileMillis(99)), "—", "—", null);
    } else if (rows >= 100_000) {
      met = p50 < 20;
    }
    report.add("SIMILAR_ROWS k = 10, " + (indexed ? "HNSW index" : "exact") + ", p50 / p99; "
        + "recall@10 " + recall, rows, InferenceReport.millis(p50) + " / "
        + InferenceReport.millis(search.percentileMillis(99)),
        InferenceReport.millis(plain.percentileMillis(50)) + " (10 rows by key, p50); "
        + String.format(Locale.ROOT, "%,.0f ms (full scan)", scanMillis),
        indexed ? "< 5 ms, recall ≥ 0.95" : rows >= 100_000 ? "< 20 ms" : "—", met);
    report.note(created);
  }

  /** Creates a space on a sample and returns what it took, for the notes. */
  private String createSpace(String space, String table, int rows) throws SQLException {
    long started = System.nanoTime();
    String warnings;
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE " + space + " ON " + table + " WITH (seed = 7, "
          + "epochs = 3, max_rows = " + SAMPLE_ROWS + ")");
      warnings = warnings(statement.getWarnings());
    }
    String text = String.format(Locale.ROOT, "`%s` on %s (%,d rows, trained on %,d, 3 epochs): "
        + "CREATE took %.1f s. %s", space, table, rows, Math.min(rows, SAMPLE_ROWS),
        seconds(started), warnings);
    progress("%s", text);
    return text;
  }

  /** Runs SIMILAR_ROWS for every key (after a warm-up), timing each; ids and similarities. */
  private List<double[]> neighbours(Connection on, String space, int[] keys,
      Latencies latencies) throws SQLException {
    List<double[]> result = new ArrayList<>();
    try (PreparedStatement similar = on.prepareStatement(
        "SELECT * FROM TABLE(SIMILAR_ROWS('" + space + "', ?, " + K + "))")) {
      for (int i = 0; i < Math.min(20, keys.length); i++) {
        query(similar, keys[keys.length - 1 - i]);
      }
      for (int key : keys) {
        long started = System.nanoTime();
        double[] found = query(similar, key);
        latencies.add(System.nanoTime() - started);
        result.add(found);
      }
    }
    return result;
  }

  /** Ids of the k neighbours, then their similarities. */
  private static double[] query(PreparedStatement similar, int key) throws SQLException {
    double[] found = new double[2 * K];
    similar.setInt(1, key);
    int n = 0;
    try (ResultSet rs = similar.executeQuery()) {
      while (rs.next()) {
        found[n] = rs.getInt("ID");
        found[K + n] = rs.getDouble("SIMILARITY");
        n++;
      }
    }
    if (n != K) {
      throw new IllegalStateException("SIMILAR_ROWS gave " + n + " rows for key " + key);
    }
    return found;
  }

  /**
   * Share of the exact top 10 found; a found row as similar as the exact tenth counts, since
   * equally similar rows are interchangeable there.
   */
  private static double recall(List<double[]> found, List<double[]> exact) {
    int hits = 0;
    for (int q = 0; q < found.size(); q++) {
      double tenth = exact.get(q)[2 * K - 1];
      for (int i = 0; i < K; i++) {
        hits += found.get(q)[K + i] >= tenth - 1e-6 ? 1 : 0;
      }
    }
    return hits / (double) (K * found.size());
  }

  // ------------------------------------------------------------------ plumbing

  private void execute(String sql) throws SQLException {
    long started = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    progress("%s (%.1f s)", sql, seconds(started));
  }

  private static String label(int rows) {
    return rows % 1_000_000 == 0 ? rows / 1_000_000 + "m"
        : rows % 1000 == 0 ? rows / 1000 + "k" : Integer.toString(rows);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void progress(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }

  private static String warnings(SQLWarning warning) {
    StringBuilder text = new StringBuilder();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      text.append(w.getMessage()).append(' ');
    }
    return text.toString().trim();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void emptyFolder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(folder);
  }

  private static Path write(String table, String notes, String loadBefore) throws IOException {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path folder = Path.of("examples", "target", "benchmarks");
    Files.createDirectories(folder);
    Path file = folder.resolve("inference-" + today + ".md");
    String text = "# Rowspace inference benchmark, " + today + "\n\n"
        + "Machine: " + DatasetBenchmark.Machine.describe() + ". Load average before: "
        + loadBefore + "; after: " + loadAverage() + ".\n\n" + table + "\nNotes:\n\n" + notes;
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
