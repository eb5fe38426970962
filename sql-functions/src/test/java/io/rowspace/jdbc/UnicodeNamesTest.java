package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tables, columns, spaces, predictors and category values named in Cyrillic, CJK, Arabic and
 * emoji work end to end: CREATE, PREDICT, PREDICT_DETAILS, SIMILAR_ROWS and DESCRIBE.
 */
class UnicodeNamesTest {
  private static final List<String> CITIES = List.of("Москва", "東京", "القاهرة", "🌆 city");
  private static Connection connection;

  @BeforeAll
  static void spaceAndPredictorWithNonLatinNames() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:unicode_names");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE \"клиенты\" (\"ид\" INTEGER PRIMARY KEY, "
          + "\"город\" VARCHAR(40), \"年齢\" INTEGER, \"الدخل\" DOUBLE PRECISION, "
          + "\"😀\" VARCHAR(10))");
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO \"клиенты\" VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= 120; id++) {
        int age = 18 + (id * 7) % 50;
        insert.setInt(1, id);
        insert.setString(2, CITIES.get(id % CITIES.size()));
        insert.setInt(3, age);
        insert.setDouble(4, age * 100.0 + id % 13);
        insert.setString(5, age > 40 ? "да" : "いいえ");
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE \"пространство\" ON \"клиенты\" "
          + "WITH (epochs = 1, d_model = 8, sentence_model = false)");
      statement.execute("CREATE PREDICTOR \"予測\" ON \"пространство\" TARGET \"😀\" "
          + "WITH (epochs = 2, trees = false)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void predictReadsInputColumnsNamedInAnyScript() throws SQLException {
    Set<String> labels = new HashSet<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT \"ид\", PREDICT('予測') FROM \"клиенты\" WHERE \"город\" = 'Москва'")) {
      while (rs.next()) {
        labels.add(rs.getString(2).trim());
      }
    }
    assertTrue(Set.of("да", "いいえ").containsAll(labels) && !labels.isEmpty(), labels::toString);
  }

  @Test
  void predictTakesNamedValuesInAnyScript() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT PREDICT('予測', \"город\" => 'القاهرة', "
             + "\"年齢\" => 60, \"الدخل\" => 6000.0), PREDICT_DETAILS('予測', \"город\" => '東京', "
             + "\"年齢\" => 20)")) {
      assertTrue(rs.next());
      assertTrue(Set.of("да", "いいえ").contains(rs.getString(1).trim()), rs.getString(1));
      assertTrue(rs.getString(2).contains("да") || rs.getString(2).contains("いいえ"),
          rs.getString(2));
    }
  }

  @Test
  void similarRowsAndDescribeShowNonLatinNamesAndValues() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT * FROM TABLE(SIMILAR_ROWS('пространство', 5, 3))")) {
      int rows = 0;
      while (rs.next()) {
        assertTrue(CITIES.contains(rs.getString("город")), rs.getString("город"));
        rows++;
      }
      assertEquals(3, rows);
    }
    Set<String> columns = new HashSet<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("DESCRIBE EMBEDDING SPACE \"пространство\"")) {
      while (rs.next()) {
        columns.add(rs.getString("column_name"));
      }
    }
    assertTrue(columns.containsAll(Set.of("город", "年齢", "الدخل")), columns::toString);
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("DESCRIBE PREDICTOR \"予測\"")) {
      assertTrue(rs.next());
    }
  }
}
