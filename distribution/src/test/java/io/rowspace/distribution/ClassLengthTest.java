package io.rowspace.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A house rule the build keeps: a production class longer than {@value #LIMIT} lines says why in
 * its javadoc (a sentence with "lines" in it, such as "About 560 lines: ..."), so a maintainer
 * who meets a long class learns whether it is one concern or an unfinished split.
 */
class ClassLengthTest {
  private static final int LIMIT = 420;
  private static final Pattern CLASS_JAVADOC = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
          + "(?:public\\s+|final\\s+|abstract\\s+)*(?:class|enum|interface|record)\\s",
      Pattern.DOTALL);

  @Test
  void everyLongClassSaysWhyInItsJavadoc() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> unexplained = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(ClassLengthTest::isProductionSource).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        long lines = text.lines().count();
        if (lines > LIMIT && !explained(text)) {
          unexplained.add(root.relativize(file) + " (" + lines + " lines)");
        }
      }
    }
    assertEquals(List.of(), unexplained, "split the class, or say in its javadoc why it is long");
  }

  private static boolean isProductionSource(Path file) {
    String path = file.toString().replace('\\', '/');
    return path.endsWith(".java") && path.contains("/src/main/java/")
        && !path.contains("/target/");
  }

  private static boolean explained(String text) {
    Matcher javadoc = CLASS_JAVADOC.matcher(text);
    return javadoc.find() && javadoc.group(1).contains("lines");
  }
}
