package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What TAB offers in the shell, on a database with one space and one predictor. */
class RowspaceCompleterTest {
  private static Connection connection;
  private static RowspaceCompleter completer;

  @BeforeAll
  static void trainOneSpaceAndOnePredictor() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:completion;DB_CLOSE_DELAY=-1");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE churn_data (id INT PRIMARY KEY, usage DOUBLE PRECISION, "
          + "plan VARCHAR(5), churned VARCHAR(3))");
      s.execute("INSERT INTO churn_data SELECT x, MOD(x * 7, 40) + 0.5, "
          + "CASEWHEN(MOD(x, 2) = 0, 'basic', 'pro'), CASEWHEN(MOD(x, 3) = 0, 'yes', 'no') "
          + "FROM SYSTEM_RANGE(1, 80)");
      s.execute("CREATE EMBEDDING SPACE churn_space ON churn_data WITH (epochs = 1)");
      s.execute("CREATE PREDICTOR churn_model ON EMBEDDING SPACE churn_space TARGET churned "
          + "WITH (epochs = 1)");
    }
    completer = new RowspaceCompleter(connection);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void predictorNamesInsidePredict() {
    assertEquals(List.of("CHURN_MODEL'"), values("SELECT PREDICT('"));
    assertEquals(List.of("CHURN_MODEL'"), values("SELECT id, predict_proba( 'ch"));
    assertEquals(List.of("CHURN_MODEL"), values("DESCRIBE PREDICTOR "));
  }

  @Test
  void spaceNamesInsideSpaceFunctionsAndStatements() {
    assertEquals(List.of("CHURN_SPACE'"), values("SELECT * FROM TABLE(SIMILAR_ROWS('"));
    assertEquals(List.of("CHURN_SPACE"), values("CREATE PREDICTOR p ON EMBEDDING SPACE "));
    assertEquals(List.of("CHURN_SPACE"), values("REFRESH EMBEDDING SPACE ch"));
  }

  @Test
  void elsewhereSqlWordsAndTableNames() {
    List<String> words = values("SELECT * FROM chu");
    assertTrue(words.contains("CHURN_DATA"), words.toString());
    assertTrue(words.contains("SELECT"), words.toString());
    assertFalse(words.contains("CHURN_MODEL'"), words.toString());
    assertNull(RowspaceCompleter.namesFor("SELECT 'PREDICT('"
        .substring(0, 7)));
  }

  @Test
  void modelLoadingIsAnnouncedOnceForStatementsThatUseAModel() {
    assertTrue(ModelLoading.usesAModel("SELECT PREDICT('churn_model') FROM t"));
    assertTrue(ModelLoading.usesAModel("select * from table(similar_rows('s', 1, 5))"));
    assertFalse(ModelLoading.usesAModel("SHOW PREDICTORS"));
    assertFalse(ModelLoading.usesAModel("SELECT * FROM ROWSPACE.EMBEDDING_SPACES"));
  }

  /** The candidates' values with the cursor at the end of {@code line}, as the shell parses it. */
  private static List<String> values(String line) {
    Parser parser = new SqlLineParser();
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE),
        candidates);
    List<String> values = new ArrayList<>();
    for (Candidate c : candidates) {
      values.add(c.value());
    }
    return values;
  }
}
