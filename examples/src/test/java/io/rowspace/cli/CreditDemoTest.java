package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo a new user runs first, end to end on the bundled data set, through the driver. */
class CreditDemoTest {
  @Test
  void theDemoTrainsPredictsAndFindsSimilarRows() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      CreditDemo.run("jdbc:rowspace:h2:mem:credit_demo_test", out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(output.contains("CREATE EMBEDDING SPACE credit_space ON credit"), output);
    assertTrue(output.contains("CREATE PREDICTOR credit_risk"), output);
    assertTrue(output.contains("SIMILAR_ROWS('credit_space'"), output);
    assertTrue(output.contains("PREDICT_PROBA('credit_risk'"), output);
  }
}
