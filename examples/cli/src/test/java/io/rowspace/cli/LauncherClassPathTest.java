package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The class path {@code ./rowspace} runs with ({@code target/classpath.txt}, written by this
 * module's build) holds what the product needs and nothing a benchmark or a test does: no JUnit,
 * no XGBoost or its Scala, no TPC-H generator, and the Guava Calcite is built for.
 */
class LauncherClassPathTest {
  private static final Path CLASS_PATH_FILE = Path.of("target", "classpath.txt");

  private static List<String> jarNames() throws IOException {
    String text = Files.readString(CLASS_PATH_FILE, StandardCharsets.UTF_8).trim();
    return Arrays.stream(text.split(java.io.File.pathSeparator))
        .map(entry -> Path.of(entry).getFileName().toString().toLowerCase(Locale.ROOT))
        .collect(Collectors.toList());
  }

  @Test
  void holdsWhatTheCommandLineRunsOn() throws IOException {
    List<String> jars = jarNames();
    for (String needed : List.of("calcite-core", "h2-", "postgresql", "jline", "commons-csv",
        "pytorch-engine", "rowspace-sql-functions", "avatica-server")) {
      assertTrue(jars.stream().anyMatch(jar -> jar.startsWith(needed)),
          () -> needed + " is missing from the launcher's class path " + jars);
    }
  }

  @Test
  void carriesNothingOfTestsOrBenchmarks() throws IOException {
    List<String> jars = jarNames();
    for (String foreign : List.of("junit", "opentest4j", "xgboost", "scala", "tpch",
        "rowspace-benchmarks")) {
      List<String> found = jars.stream().filter(jar -> jar.contains(foreign))
          .collect(Collectors.toList());
      assertEquals(List.of(), found, "the launcher's class path carries " + foreign);
    }
  }

  @Test
  void guavaIsTheOneCalciteIsBuiltFor() throws IOException {
    Pattern guava = Pattern.compile("guava-(\\d+)\\..*\\.jar");
    List<Integer> majors = jarNames().stream().map(guava::matcher).filter(Matcher::matches)
        .map(m -> Integer.parseInt(m.group(1))).collect(Collectors.toList());
    assertEquals(1, majors.size(), "one Guava on the class path: " + majors);
    assertTrue(majors.get(0) >= 33, "Guava " + majors.get(0) + " is older than Calcite needs");
  }
}
