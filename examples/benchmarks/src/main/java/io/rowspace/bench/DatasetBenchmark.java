package io.rowspace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Rowspace against XGBoost and logistic / linear regression on every data set of
 * the repository's {@code datasets/}, on one split, as a Markdown table on standard output and in
 * {@code examples/target/benchmarks/datasets-<date>.md}.
 *
 * <pre>
 * java -cp "$(cat examples/target/classpath.txt):examples/target/classes" \
 *     io.rowspace.bench.DatasetBenchmark [--datasets credit_data,penguins] [--shared PATH]
 * </pre>
 *
 * <p>Each data set runs in a fresh JVM of its own (same class path and JVM options), one after
 * the other, so that its peak heap and peak resident memory are its own and no data set warms up
 * or fragments memory for the next; {@code --in-process} runs them all in this JVM instead.
 * Progress goes to standard error; standard output carries only the table.
 */
public final class DatasetBenchmark {
  private static final String RESULT_MARKER = "@@rowspace-bench-result ";
  private static final String USAGE = "usage: DatasetBenchmark [--datasets a,b,...] "
      + "[--shared PATH] [--in-process] [--space-options 'k = v, ...']\n"
      + "  --datasets   data sets to run (folders of PATH/datasets); default: all\n"
      + "  --shared     a folder holding datasets/; default: the repository root\n"
      + "  --in-process run every data set in this JVM instead of one JVM each\n"
      + "  --space-options  options of every CREATE EMBEDDING SPACE, as in its WITH (...), e.g. "
      + "'sentence_model = false'; default: none";

  private DatasetBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("ai.djl.offline") == null) {
      // The PyTorch native library is on the class path; never look for it on the network.
      System.setProperty("ai.djl.offline", "true");
    }
    List<String> selected = null;
    Path shared = null;
    boolean inProcess = false;
    String single = null;
    String spaceOptions = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> selected = Arrays.stream(value(args, ++i).split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        case "--shared" -> shared = Path.of(value(args, ++i));
        case "--in-process" -> inProcess = true;
        case "--single" -> single = value(args, ++i);
        case "--space-options" -> spaceOptions = value(args, ++i).strip();
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> fail("Unknown option " + args[i] + "\n" + USAGE);
      }
    }
    Path repository = repositoryRoot();
    Path datasets = datasetsFolder(shared, repository);
    if (single != null) {
      DatasetResult result = new DatasetRun(SharedDataset.read(datasets.resolve(single)),
          System.err, spaceOptions).run();
      System.out.println(RESULT_MARKER + new ObjectMapper().writeValueAsString(result));
      return;
    }
    List<String> available = SharedDataset.namesIn(datasets);
    List<String> names = selected == null ? available : selected;
    for (String name : names) {
      if (!available.contains(name)) {
        fail("No data set '" + name + "' in " + datasets + ". Available: "
            + String.join(", ", available));
      }
    }
    List<DatasetResult> results = new ArrayList<>();
    for (String name : names) {
      if (inProcess) {
        results.add(new DatasetRun(SharedDataset.read(datasets.resolve(name)), System.err,
            spaceOptions).run());
      } else {
        results.add(inChildJvm(SharedDataset.read(datasets.resolve(name)),
            datasets.getParent(), spaceOptions));
      }
      // Written after every data set, so a long run stopped early still leaves its figures.
      Path written = write(repository, ResultTable.markdown(results), results);
      System.err.println("Results so far written to " + written);
    }
    System.out.print(ResultTable.markdown(results));
    System.out.flush();
  }

  /**
   * Runs one data set in a fresh JVM and reads back its result; a run that fails gives a row of
   * NaN with the reason, so that the other data sets are still reported.
   */
  private static DatasetResult inChildJvm(SharedDataset dataset, Path shared,
      String spaceOptions) throws IOException, InterruptedException {
    String name = dataset.name();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DatasetBenchmark.class.getName());
    command.add("--single");
    command.add(name);
    command.add("--shared");
    command.add(shared.toString());
    if (!spaceOptions.isEmpty()) {
      command.add("--space-options");
      command.add(spaceOptions);
    }
    Process child = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(RESULT_MARKER)) {
          result = line.substring(RESULT_MARKER.length());
        } else {
          System.err.println(line);
        }
      }
    }
    int exit = child.waitFor();
    if (exit != 0 || result == null) {
      System.err.println("The benchmark of " + name + " failed (exit code " + exit
          + "); its output is above.");
      return new DatasetResult(name, dataset.task().label(), dataset.task().metric(), 0, 0, null,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, -1, -1,
          List.of("the run failed (exit code " + exit + "); see its standard error"));
    }
    return new ObjectMapper().readValue(result, DatasetResult.class);
  }

  private static Path write(Path repository, String table, List<DatasetResult> results)
      throws IOException {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path folder = repository.resolve("examples").resolve("target").resolve("benchmarks");
    Files.createDirectories(folder);
    Path file = folder.resolve("datasets-" + today + ".md");
    StringBuilder text = new StringBuilder();
    text.append("# Rowspace vs XGBoost and logistic / linear regression, ").append(today)
        .append("\n\n")
        .append("Machine: ").append(Machine.describe()).append(".\n\n")
        .append("Split: `id` = CSV line number, held out where `MOD(id, 4) = 0`. Rowspace: ")
        .append("default `CREATE EMBEDDING SPACE` and `CREATE PREDICTOR`, scored with ")
        .append("`PREDICT` / `PREDICT_PROBA`. XGBoost ").append(GradientBoostedTrees.ROUNDS)
        .append(" rounds, eta ").append(GradientBoostedTrees.LEARNING_RATE).append(", depth ")
        .append(GradientBoostedTrees.MAX_DEPTH).append(", subsample 0.8, colsample 0.8, hist; ")
        .append("linear models with L2 ").append(DatasetRun.LINEAR_L2)
        .append(" on one-hot categoricals and mean-imputed standardised numerics.\n\n")
        .append(table).append('\n');
    text.append("What Rowspace reported (statement warnings, excluded columns) and the machine's "
        + "load while it trained:\n\n");
    for (DatasetResult r : results) {
      text.append("- ").append(r.dataset()).append('\n');
      for (String note : r.notes()) {
        text.append("  - ").append(note).append('\n');
      }
    }
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The folder of data sets: {@code PATH/datasets} for {@code --shared PATH}, else the system
   * property {@code rowspace.datasets}, else the repository's own {@code datasets/}.
   */
  static Path datasetsFolder(Path shared, Path repository) {
    Path datasets = shared != null ? shared.resolve("datasets")
        : System.getProperty("rowspace.datasets") != null
            ? Path.of(System.getProperty("rowspace.datasets"))
            : repository.resolve("datasets");
    datasets = datasets.toAbsolutePath().normalize();
    if (!Files.isDirectory(datasets)) {
      fail("No data sets at " + datasets + ". Pass --shared with a folder that holds "
          + "datasets/ (the repository root has them).");
    }
    return datasets;
  }

  /**
   * The repository root: the nearest folder, above this class's location or else above the
   * working directory, that holds {@code examples/pom.xml}.
   */
  static Path repositoryRoot() {
    List<Path> starts = new ArrayList<>();
    CodeSource code = DatasetBenchmark.class.getProtectionDomain().getCodeSource();
    if (code != null) {
      try {
        starts.add(Path.of(code.getLocation().toURI()));
      } catch (URISyntaxException e) {
        // Not a file location: the working directory alone is searched.
      }
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("examples").resolve("pom.xml"))) {
          return p;
        }
      }
    }
    return Path.of("").toAbsolutePath();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      fail("Option " + args[i - 1] + " needs a value.\n" + USAGE);
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(2);
  }

  /** A one-line description of the machine, for the written report. */
  static final class Machine {
    private Machine() {
    }

    static String describe() {
      String cpu = "unknown CPU";
      String memory = "";
      try {
        cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
            .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst().orElse(cpu);
        memory = Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8).stream()
            .filter(l -> l.startsWith("MemTotal:"))
            .map(l -> String.format(Locale.ROOT, ", %.0f GiB",
                Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024.0 * 1024)))
            .findFirst().orElse("");
      } catch (IOException | NumberFormatException e) {
        // Not Linux: the CPU count and Java version still say something.
      }
      return Runtime.getRuntime().availableProcessors() + " vCPU " + cpu + memory + ", Java "
          + System.getProperty("java.version") + ", max heap "
          + String.format(Locale.ROOT, "%.1f GiB",
              Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024));
    }
  }
}
