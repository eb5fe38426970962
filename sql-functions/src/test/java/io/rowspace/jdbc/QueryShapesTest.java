package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PREDICT in the places SQL allows an expression: WHERE, ORDER BY, aggregates, common table
 * expressions, UNION branches, subqueries; and predictions of a fixed-length CHAR target compare
 * equal to the stored values.
 */
class QueryShapesTest {
  private static Connection connection;

  @BeforeAll
  static void spaceAndPredictor() throws SQLException {
    connection = DriverManager.getConnection("jdbc:rowspace:h2:mem:query_shapes");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE parcels (id INTEGER PRIMARY KEY, weight_kg DOUBLE "
          + "PRECISION, service CHAR(8), fragile BOOLEAN)");
      statement.execute("INSERT INTO parcels SELECT x, MOD(x * 7, 40) + 0.5, "
          + "CASE WHEN MOD(x * 7, 40) < 20 THEN 'letter' ELSE 'freight' END, MOD(x, 3) = 0 "
          + "FROM SYSTEM_RANGE(1, 400)");
      statement.execute("CREATE EMBEDDING SPACE parcel_space ON parcels WITH (epochs = 10)");
      statement.execute("CREATE PREDICTOR service_p ON parcel_space TARGET service "
          + "WITH (epochs = 30)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void predictionsOfACharTargetEqualTheStoredPaddedValues() throws SQLException {
    List<String> row = row("SELECT COUNT(*) AS n, SUM(CASE WHEN PREDICT('service_p') = service "
        + "THEN 1 ELSE 0 END) AS correct FROM parcels");
    int correct = Integer.parseInt(row.get(1));
    assertTrue(correct > 300, "weight decides the service, so most predictions match: "
        + correct + " of " + row.get(0));
  }

  @Test
  void predictWorksInWhereOrderByAndAggregates() throws SQLException {
    List<String> ids = column("SELECT id FROM parcels WHERE PREDICT('service_p') = 'freight' "
        + "AND id < 50 ORDER BY PREDICT_PROBA('service_p', 'freight') DESC, id");
    assertTrue(!ids.isEmpty() && ids.size() < 49, "some, not all, parcels are freight: " + ids);
    List<String> perService = column("SELECT PREDICT('service_p') AS s FROM parcels "
        + "GROUP BY PREDICT('service_p') ORDER BY 1");
    assertEquals(2, perService.size());
  }

  @Test
  void anAliasOrOrdinalOfAnExpressionOverAModelCallOrdersTheRows() throws SQLException {
    List<List<String>> all = rows("SELECT id, ROUND(PREDICT_PROBA('service_p', 'freight'), 3) AS p "
        + "FROM parcels");
    all.sort((a, b) -> {
      int byP = Double.compare(Double.parseDouble(b.get(1)), Double.parseDouble(a.get(1)));
      return byP != 0 ? byP : Integer.compare(Integer.parseInt(a.get(0)), Integer.parseInt(b.get(0)));
    });
    List<List<String>> expected = all.subList(0, 12);
    assertEquals(expected, rows("SELECT id, ROUND(PREDICT_PROBA('service_p', 'freight'), 3) AS p "
        + "FROM parcels ORDER BY p DESC, id LIMIT 12"));
    assertEquals(expected, rows("SELECT id, ROUND(PREDICT_PROBA('service_p', 'freight'), 3) AS p "
        + "FROM parcels ORDER BY 2 DESC, 1 LIMIT 12"));
    List<List<String>> shifted = rows("SELECT id, 1 + PREDICT_PROBA('service_p', 'freight') AS q "
        + "FROM parcels ORDER BY q DESC, id LIMIT 12");
    assertEquals(expected.stream().map(r -> r.get(0)).toList(),
        shifted.stream().map(r -> r.get(0)).toList());
  }

  @Test
  void aGroupByAliasOrOrdinalOfAnExpressionOverAModelCallGroupsByIt() throws SQLException {
    List<List<String>> written = rows("SELECT UPPER(PREDICT('service_p')) AS s, COUNT(*) AS n "
        + "FROM parcels GROUP BY UPPER(PREDICT('service_p')) ORDER BY 1");
    assertEquals(2, written.size(), written.toString());
    assertEquals(written, rows("SELECT UPPER(PREDICT('service_p')) AS s, COUNT(*) AS n "
        + "FROM parcels GROUP BY s ORDER BY s"));
    assertEquals(written, rows("SELECT UPPER(PREDICT('service_p')) AS s, COUNT(*) AS n "
        + "FROM parcels GROUP BY 1 ORDER BY 1"));
  }

  @Test
  void aGroupByOrdinalOrAliasOfAModelFreeItemGroupsByTheDatabasesValue() throws SQLException {
    // H2 rounds a cast to INTEGER (20.5 to 21) where Calcite truncates, and Calcite lacks LEFT:
    // the keys must be the database's values, grouped beside the model call's aggregate
    List<List<String>> plain = rows("SELECT LEFT(service, 3) AS s, CAST(weight_kg AS INTEGER) "
        + "AS w, COUNT(*) AS n FROM parcels GROUP BY LEFT(service, 3), CAST(weight_kg AS INTEGER) "
        + "ORDER BY 1, 2");
    assertEquals(40, plain.size(), plain.toString());
    for (String keys : List.of("1, 2", "s, w", "LEFT(service, 3), w")) {
      List<List<String>> beside = rows("SELECT LEFT(service, 3) AS s, CAST(weight_kg AS "
          + "INTEGER) AS w, COUNT(*) AS n, MAX(PREDICT('service_p')) AS p FROM parcels "
          + "GROUP BY " + keys + " ORDER BY 1, 2");
      assertEquals(plain, beside.stream().map(r -> r.subList(0, 3)).toList(), keys);
    }
  }

  @Test
  void aModelCallInAJoinConditionReadsTheJoinedRow() throws SQLException {
    List<String> freight = column("SELECT id FROM parcels WHERE PREDICT('service_p') = 'freight' "
        + "AND id < 400 ORDER BY id");
    assertTrue(!freight.isEmpty(), "some parcels are freight");
    assertEquals(freight, column("SELECT p.id FROM parcels p JOIN (SELECT id AS next_id FROM "
        + "parcels) q ON q.next_id = p.id + 1 AND PREDICT('service_p') = 'freight' ORDER BY p.id"));
  }

  @Test
  void aWindowOverAModelCallSeesEveryRowWhateverTheOrderAndLimit() throws SQLException {
    List<String> whole = row("SELECT ROUND(SUM(PREDICT_PROBA('service_p', 'freight')), 6), "
        + "COUNT(*) FROM parcels");
    List<List<String>> firstRows = rows("SELECT id, ROUND(SUM(PREDICT_PROBA('service_p', "
        + "'freight')) OVER (), 6) AS total, COUNT(*) OVER () AS n FROM parcels ORDER BY id LIMIT 3");
    assertEquals(List.of(List.of("1", whole.get(0), whole.get(1)),
        List.of("2", whole.get(0), whole.get(1)), List.of("3", whole.get(0), whole.get(1))),
        firstRows);
    List<List<String>> perService = rows("SELECT service, ROUND(AVG(PREDICT_PROBA('service_p', "
        + "'freight')), 6) FROM parcels GROUP BY service ORDER BY service");
    List<List<String>> windowed = rows("SELECT DISTINCT service, ROUND(AVG(PREDICT_PROBA("
        + "'service_p', 'freight')) OVER (PARTITION BY service), 6) AS a FROM parcels "
        + "ORDER BY service");
    assertEquals(perService, windowed);
  }

  @Test
  void aSortedUnionWithAModelCallInOneBranchKeepsItsOrder() throws SQLException {
    List<List<String>> merged = rows("SELECT id, PREDICT('service_p') AS s FROM parcels "
        + "WHERE id BETWEEN 5 AND 8 UNION ALL SELECT id, 'none' FROM parcels WHERE id < 4 "
        + "ORDER BY 1 LIMIT 5");
    assertEquals(List.of("1", "2", "3", "5", "6"), merged.stream().map(r -> r.get(0)).toList());
    assertEquals("none", merged.get(0).get(1).strip());
  }

  @Test
  void theDatabasesErrorWhileRowsAreReadQuotesNoGeneratedSql() throws SQLException {
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT id, 1 / (id - id) AS z, "
        + "PREDICT('service_p') AS s FROM parcels"));
    assertEquals("22012", e.getSQLState(), e.getMessage());
    assertFalse(e.getMessage().contains("SQL statement") || e.getMessage().contains("ROWSPACE")
        || e.getMessage().contains("SELECT"), e.getMessage());
  }

  @Test
  void predictSeesTheColumnsOfCommonTableExpressionsAndSubqueries() throws SQLException {
    assertEquals(4, column("WITH heavy AS (SELECT * FROM parcels WHERE weight_kg > 38) "
        + "SELECT id, PREDICT('service_p') AS s FROM heavy ORDER BY id LIMIT 4").size());
    assertEquals(3, column("SELECT id, PREDICT('service_p') AS s FROM (SELECT id, weight_kg "
        + "FROM parcels WHERE id <= 3) t").size());
    assertEquals(2, column("SELECT id FROM parcels WHERE id = 1 AND PREDICT('service_p') "
        + "IS NOT NULL UNION ALL SELECT id FROM parcels WHERE id = 2 AND "
        + "PREDICT('service_p') IS NOT NULL").size());
  }

  private static List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          values.add(rs.getString(i));
        }
        rows.add(values);
      }
    }
    return rows;
  }

  private static List<String> row(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      return values;
    }
  }

  private static List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
