package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A select item written without an alias is labelled as the backing database labels it, also
 * where Calcite evaluates it beside a model call (which would label it {@code EXPR$n}): on H2 by
 * its text ({@code COUNT(*)}, {@code SUM(BODY_MASS_G)}, {@code MAX(ID) + 1}), on PostgreSQL by its
 * function's name ({@code count}, {@code sum}) or {@code ?column?}. Each query's labels are
 * compared with the database's own labels for the same query without the model call.
 */
class LabelsBesideModelCallsTest {
  private static final String GROUPED = "SELECT COUNT(*), SUM(body_mass_g), MAX(id) + 1, "
      + "island, CASE WHEN MIN(id) > 1 THEN 'a' ELSE 'b' END, COUNT(*) FILTER (WHERE id > 3) "
      + "/*MODEL*/ FROM penguins "
      + "GROUP BY island ORDER BY island";
  private static final String ROWS = "SELECT id + 1, UPPER(island), id, "
      + "COALESCE(sex, 'none') /*MODEL*/ FROM penguins ORDER BY id LIMIT 5";

  @Test
  void h2LabelsBesideAModelCall() throws SQLException {
    try (Connection connection = DriverManager.getConnection(
        "jdbc:rowspace:h2:mem:labels_beside_model_calls")) {
      SharedDatasets.trainPenguinSpecies(connection, 3);
      List<String> grouped = labels(connection, GROUPED, ", COUNT(PREDICT('sp'))");
      assertEquals(List.of("COUNT(*)", "SUM(BODY_MASS_G)", "MAX(ID) + 1", "ISLAND"),
          grouped.subList(0, 4));
      assertEquals(labels(connection, GROUPED, ""), grouped.subList(0, 6));
      assertEquals("COUNT(PREDICT('sp'))", grouped.get(6));
      List<String> rows = labels(connection, ROWS, ", PREDICT('sp'), PREDICT_PROBA('sp') * 100");
      assertEquals(labels(connection, ROWS, ""), rows.subList(0, 4));
      assertEquals(List.of("PREDICT('sp')", "PREDICT_PROBA('sp') * 100"), rows.subList(4, 6));
      // A label longer than any name a user may write is still the expression's text
      String sum = "ID" + " + 1".repeat(400);
      String longItem = "SELECT " + sum + " /*MODEL*/ FROM penguins ORDER BY id LIMIT 2";
      assertEquals(labels(connection, longItem, ""),
          labels(connection, longItem, ", PREDICT('sp')").subList(0, 1));
    }
  }

  @Test
  void postgresLabelsBesideAModelCall() throws SQLException {
    String backing = TestPostgres.url();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      statement.execute("DROP TABLE IF EXISTS penguins CASCADE");
    }
    try (Connection connection = DriverManager.getConnection(
        backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:")
            + (backing.contains("?") ? "&" : "?") + "stringtype=unspecified")) {
      SharedDatasets.trainPenguinSpecies(connection, 3);
      List<String> grouped = labels(connection, GROUPED, ", COUNT(PREDICT('sp'))");
      assertEquals(List.of("count", "sum", "?column?", "island", "case", "count"),
          grouped.subList(0, 6));
      assertEquals(labels(connection, GROUPED, ""), grouped.subList(0, 6));
      assertEquals("count", grouped.get(6));
      List<String> rows = labels(connection, ROWS, ", PREDICT('sp'), PREDICT_PROBA('sp') * 100");
      assertEquals(labels(connection, ROWS, ""), rows.subList(0, 4));
      assertEquals(List.of("predict", "?column?"), rows.subList(4, 6));
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP PREDICTOR sp");
        statement.execute("DROP EMBEDDING SPACE penguin_space");
        statement.execute("DROP TABLE penguins");
      }
    }
  }


  /** The column labels of the query with {@code modelColumns} where its template says. */
  private static List<String> labels(Connection connection, String template,
      String modelColumns) throws SQLException {
    List<String> labels = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(template.replace("/*MODEL*/", modelColumns))) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        labels.add(meta.getColumnLabel(i));
      }
    }
    return labels;
  }
}
