package io.rowspace.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Option names and values of {@code WITH ( ... )} clauses. */
class SqlOptionTest {

  /** Every option name of SPEC sections 3.1 and 3.2, written as a plain identifier. */
  @ParameterizedTest
  @ValueSource(strings = {
      "d_model", "layers", "heads", "epochs", "batch_size", "learning_rate", "seed", "max_rows",
      "device", "async", "validation_fraction", "positive_label", "cost_false_positive",
      "cost_false_negative", "loss", "fine_tune", "head", "task"})
  void everyOptionNameIsAPlainIdentifier(String key) {
    final SqlCreateEmbeddingSpace space = assertInstanceOf(SqlCreateEmbeddingSpace.class,
        RoundTrip.parse("create embedding space s on t with (" + key + " = 1)"));
    assertEquals(key, space.options().get(0).key());
    final SqlCreatePredictor predictor = assertInstanceOf(SqlCreatePredictor.class,
        RoundTrip.parseLowerCase("create predictor p on s target y with (seed = 1, "
            + key.toUpperCase(Locale.ROOT) + " = 2)"));
    assertEquals(key, predictor.options().get(1).key());
    assertEquals("2", predictor.options().get(1).valueAsString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "20                | 20",
      "0.001             | 0.001",
      "-3                | -3",
      "-0.25             | -0.25",
      "+4                | 4",
      "1e-3              | 0.001",
      "'Yes'             | Yes",
      "''                | ''",
      "'it''s'           | it's",
      "true              | true",
      "FALSE             | false",
      "auto              | auto",
      "CPU               | cpu",
      "\"\"\"Focal\"\"\" | focal"})
  void valueAsString(String written, String expected) {
    final SqlCreatePredictor create = assertInstanceOf(SqlCreatePredictor.class,
        RoundTrip.parse("create predictor p on s target y with (loss = " + written + ")"));
    final SqlOption option = create.options().get(0);
    assertEquals(expected.equals("''") ? "" : expected, option.valueAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "cpu", "focal", "mlp", "lowrank_cross"})
  void bareWordsStayIdentifiers(String word) {
    final SqlCreatePredictor create = assertInstanceOf(SqlCreatePredictor.class,
        RoundTrip.parse("create predictor p on s target y with (head = " + word + ")"));
    assertInstanceOf(SqlIdentifier.class, create.options().get(0).value());
    assertEquals(word, create.options().get(0).valueAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "-1.5", "'text'", "true"})
  void literalsStayLiterals(String literal) {
    final SqlCreatePredictor create = assertInstanceOf(SqlCreatePredictor.class,
        RoundTrip.parse("create predictor p on s target y with (seed = " + literal + ")"));
    assertInstanceOf(SqlLiteral.class, create.options().get(0).value());
  }
}
