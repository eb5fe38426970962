package io.rowspace.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code sql-functions} form layers, each using only those below it, so the
 * module reads from the bottom up and no package needs one that needs it back
 * (docs/architecture.md, "Layers of sql-functions"). Read from the main sources: every import
 * and every fully qualified name in code of a package of this module must name a package of the
 * same layer or a lower one. Packages of other modules (engine, planner, multi-table,
 * jdbc-remote) are below all of these and are not checked here; Maven's module dependencies keep
 * them apart.
 */
class LayeringTest {
  /** The layers, lowest first; a package is in the layer of the longest entry it starts with. */
  static final List<String> LAYERS = List.of(
      "io.rowspace.sql.error",
      "io.rowspace.sql.parser",
      "io.rowspace.sql.routing",
      "io.rowspace.sql.backing",
      "io.rowspace.sql.catalog",
      "io.rowspace.sql.transfer",
      "io.rowspace.sql.pushdown",
      "io.rowspace.sql.session",
      "io.rowspace.sql.plan",
      "io.rowspace.sql.function",
      "io.rowspace.sql.ddl",
      "io.rowspace.jdbc",
      "io.rowspace.server");

  /** The parser generated at build time (target/generated-sources), in the parser's layer. */
  private static final String GENERATED_PARSER = "io.rowspace.sql.parser.impl";

  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern IMPORT = Pattern.compile(
      "^import\\s+(?:static\\s+)?(io\\.rowspace\\.[\\w.]+?)\\.[A-Z]\\w*[\\w.*]*;", Pattern.MULTILINE);
  private static final Pattern QUALIFIED = Pattern.compile(
      "\\b(io\\.rowspace(?:\\.[a-z]\\w*)+)\\.[A-Z]");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);",
      Pattern.MULTILINE);
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void noPackageUsesOneInALayerAboveIt() throws IOException {
    Map<String, Set<String>> uses = usesOfMainSources();
    assertTrue(uses.size() > 150, "read the main sources: " + uses.size() + " files");
    assertEquals(List.of(), violations(uses, modulePackages()));
  }

  @Test
  void everyPackageOfTheModuleHasALayer() throws IOException {
    List<String> without = new ArrayList<>();
    for (String pkg : modulePackages()) {
      if (layer(pkg) < 0) {
        without.add(pkg);
      }
    }
    assertEquals(List.of(), without, "add each package to LAYERS and to the layers described in "
        + "docs/architecture.md");
  }

  @Test
  void anImportOfAHigherLayerIsReported() {
    Set<String> packages = Set.of("io.rowspace.sql.catalog", "io.rowspace.jdbc",
        "io.rowspace.jdbc.remote");
    Map<String, Set<String>> uses = Map.of(
        "io.rowspace.sql.catalog.Catalog", Set.of("io.rowspace.jdbc", "io.rowspace.sql.error"),
        "io.rowspace.jdbc.RowspaceDriver", Set.of("io.rowspace.sql.catalog",
            "io.rowspace.jdbc.remote"));
    assertEquals(List.of("io.rowspace.sql.catalog.Catalog uses io.rowspace.jdbc, a layer above"),
        violations(uses, packages));
  }

  /**
   * For each file (its package and name), the packages of {@code io.rowspace} it imports or
   * names in code.
   */
  private static Map<String, Set<String>> usesOfMainSources() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
          continue;
        }
        String name = file.getFileName().toString().replace(".java", "");
        Set<String> used = new TreeSet<>();
        Matcher imported = IMPORT.matcher(text);
        while (imported.find()) {
          used.add(imported.group(1));
        }
        Matcher qualified = QUALIFIED.matcher(COMMENT.matcher(text).replaceAll(" "));
        while (qualified.find()) {
          used.add(qualified.group(1));
        }
        uses.put(pkg.group(1) + "." + name, used);
      }
    }
    return uses;
  }

  /** The packages of this module: those of its main sources, and the generated parser. */
  private static Set<String> modulePackages() throws IOException {
    Set<String> packages = new TreeSet<>();
    packages.add(GENERATED_PARSER);
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p ->
          packages.add(SOURCES.relativize(p.getParent()).toString().replace('/', '.')
              .replace('\\', '.')));
    }
    return packages;
  }

  /** Each use of a package of the module in a layer above its user's, as a sentence. */
  static List<String> violations(Map<String, Set<String>> uses, Set<String> modulePackages) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Set<String>> file : new TreeMap<>(uses).entrySet()) {
      String user = file.getKey().substring(0, file.getKey().lastIndexOf('.'));
      for (String used : new TreeSet<>(file.getValue())) {
        if (modulePackages.contains(used) && layer(used) > layer(user)) {
          found.add(file.getKey() + " uses " + used + ", a layer above");
        }
      }
    }
    return found;
  }

  /** The index of a package's layer in {@link #LAYERS}; -1 if it has none. */
  static int layer(String pkg) {
    int layer = -1;
    int matched = -1;
    for (int i = 0; i < LAYERS.size(); i++) {
      String entry = LAYERS.get(i);
      if ((pkg.equals(entry) || pkg.startsWith(entry + ".")) && entry.length() > matched) {
        layer = i;
        matched = entry.length();
      }
    }
    return layer;
  }
}
