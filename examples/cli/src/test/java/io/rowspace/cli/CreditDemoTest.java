package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The demo a new user runs first, end to end on the bundled data set, through the driver: what it
 * prints must show a model that beats the majority class, an explained prediction and similar rows.
 */
@Tag("slow")
class CreditDemoTest {
  private static String output;

  @BeforeAll
  static void runTheDemo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      CreditDemo.run("jdbc:rowspace:h2:mem:credit_demo_test", out);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theHeldOutApplicationsAreScoredBetterThanByTheMajorityClass() {
    double[] majority = scores("always the majority class");
    double[] model = scores("PREDICT('credit_risk')");
    assertTrue(model[0] > majority[0], "accuracy " + model[0] + " vs " + majority[0] + "\n" + output);
    assertTrue(model[1] >= 0.80, "held-out AUC " + model[1] + "\n" + output);
  }

  @Test
  void theDetailsOfAPredictionAreShownAsJson() throws Exception {
    Matcher details = Pattern.compile("Application \\d+:\\n((?:  .*\\n)+)").matcher(output);
    assertTrue(details.find(), output);
    JsonNode json = new ObjectMapper().readTree(details.group(1));
    assertTrue(Set.of("good", "bad").contains(json.get("prediction").asText()), json.toString());
    double probability = json.get("probability").asDouble();
    assertTrue(probability >= 0 && probability <= 1, json.toString());
    assertTrue(json.get("feature_importance").size() > 0, json.toString());
  }

  @Test
  void theFiveMostSimilarApplicationsAreListed() {
    int similar = output.indexOf("SIMILAR_ROWS('credit_space', 1, 5)");
    assertTrue(similar >= 0, output);
    assertTrue(output.indexOf("(5 rows)", similar) > similar, output);
    assertTrue(output.contains("Done."), output);
  }

  @Test
  void everyStepIsShownAsTheSqlThatRanIt() {
    assertTrue(output.contains("CREATE EMBEDDING SPACE credit_space ON credit"), output);
    assertTrue(output.contains("CREATE PREDICTOR credit_risk"), output);
  }

  /** The accuracy and AUC the demo printed on the line that starts with {@code label}. */
  private static double[] scores(String label) {
    Matcher line = Pattern.compile(Pattern.quote(label) + "\\s+([0-9.]+)\\s+([0-9.]+)")
        .matcher(output);
    assertTrue(line.find(), "no scores for " + label + "\n" + output);
    return new double[] {Double.parseDouble(line.group(1)), Double.parseDouble(line.group(2))};
  }
}
