package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on embedded H2 serves from PostgreSQL after EXPORT and IMPORT, and one trained
 * on PostgreSQL serves from H2, with bit-identical predictions, though the tables were created
 * the ordinary way on each side (unquoted: {@code VISITS(ID, ...)} in H2, {@code visits(id, ...)}
 * in PostgreSQL): IMPORT binds the model's names to the importing database's. The same for a
 * space over related tables (a foreign key), which then continues training on PostgreSQL (ADD
 * COLUMNS on the imported space, REFRESH on one trained there); versions, rollback and ADD
 * COLUMNS work on PostgreSQL as on H2.
 *
 * <p>The server comes from {@code ROWSPACE_TEST_POSTGRES_URL}; without it the test is skipped.
 */
class PostgresModelExportTest {
  @TempDir
  static Path directory;

  private static String postgres() {
    String backing = TestPostgres.url();
    return backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:");
  }

  @Test
  void aModelTrainedOnH2ServesFromPostgresAndBack() throws SQLException {
    String postgresUrl = postgres();
    Path fromH2 = directory.resolve("from_h2.rowspace");
    Path fromPostgres = directory.resolve("from_postgres.rowspace");
    try (Connection h2 = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_pg");
         Connection pg = DriverManager.getConnection(postgresUrl)) {
      try (Statement statement = pg.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE IF EXISTS shop CASCADE");
        statement.execute("DROP EMBEDDING SPACE IF EXISTS shop_pg CASCADE");
        statement.execute("DROP TABLE IF EXISTS visits");
      }
      // Unquoted on both sides: VISITS(ID, ...) in H2, visits(id, ...) in PostgreSQL.
      createVisits(h2, "visits", "id", "minutes", "pages", "source", "bought");
      createVisits(pg, "visits", "id", "minutes", "pages", "source", "bought");

      try (Statement statement = h2.createStatement()) {
        statement.execute("CREATE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 1)");
        statement.execute("CREATE PREDICTOR buyer ON shop TARGET bought WITH (epochs = 3)");
        statement.execute("EXPORT PREDICTOR buyer TO '" + fromH2 + "'");
      }
      try (Statement statement = pg.createStatement()) {
        assertEquals(2, statement.executeUpdate("IMPORT PREDICTOR FROM '" + fromH2 + "'"));
        String warning = statement.getWarnings().getMessage();
        assertTrue(warning.contains("Imported embedding space 'shop' and predictor buyer")
            && warning.contains("names were bound to this database's (table VISITS -> visits; "
            + "5 columns renamed)"), warning);
        statement.execute("CREATE EMBEDDING SPACE shop_pg ON visits "
            + "WITH (epochs = 2, seed = 1)");
        statement.execute("CREATE PREDICTOR buyer_pg ON shop_pg TARGET bought "
            + "WITH (epochs = 3)");
        statement.execute("EXPORT PREDICTOR buyer_pg TO '" + fromPostgres + "'");
      }
      try (Statement statement = h2.createStatement()) {
        assertEquals(2, statement.executeUpdate("IMPORT PREDICTOR FROM '" + fromPostgres
            + "'"));
      }
      double[] onH2 = probabilities(h2, "buyer", "visits", "id");
      assertArrayEquals(onH2, probabilities(pg, "buyer", "visits", "id"),
          "trained on H2, predicting on PostgreSQL");
      double[] onPostgres = probabilities(pg, "buyer_pg", "visits", "id");
      assertArrayEquals(onPostgres, probabilities(h2, "buyer_pg", "visits", "id"),
          "trained on PostgreSQL, predicting on H2");

      // Everything downstream sees the importing database's names.
      try (Statement statement = pg.createStatement()) {
        assertEquals("visits [\"id\"] bought", text(statement, "SELECT s.root_table || ' ' "
            + "|| s.key_columns || ' ' || p.target FROM rowspace.embedding_spaces s "
            + "JOIN rowspace.predictors p ON p.space = s.name WHERE p.name = 'buyer'"));
        assertEquals("[bought, minutes, pages, source]", String.valueOf(columnValues(statement,
            "SELECT column_name FROM rowspace.space_columns WHERE space = 'shop' "
                + "AND status = 'USED' ORDER BY column_name")));
        List<Object> features = columnValues(statement,
            "SELECT feature FROM TABLE(FEATURE_IMPORTANCE('buyer')) ORDER BY feature");
        assertTrue(!features.isEmpty() && features.stream().allMatch(f -> List.of("minutes",
            "pages", "source").contains(f)), features.toString());
        Map<String, Object> evaluated = EvaluatePredictorTest.rows(statement,
            "EVALUATE PREDICTOR buyer ON visits").get(0);
        assertEquals(200L, ((Number) evaluated.get("ROWS")).longValue(), evaluated.toString());
        String card = String.valueOf(EvaluatePredictorTest.rows(statement,
            "DESCRIBE PREDICTOR buyer").get(0));
        assertTrue(card.contains("visits") && !card.contains("VISITS"), card);
      }
      try (Statement statement = h2.createStatement()) {
        assertEquals("VISITS BOUGHT", text(statement, "SELECT s.root_table || ' ' || p.target "
            + "FROM ROWSPACE.EMBEDDING_SPACES s JOIN ROWSPACE.PREDICTORS p ON p.space = s.name "
            + "WHERE p.name = 'BUYER_PG'"));
      }

      // Versions and rollback on PostgreSQL.
      try (Statement statement = pg.createStatement()) {
        statement.execute("CREATE OR REPLACE PREDICTOR buyer_pg ON shop_pg TARGET bought "
            + "WITH (epochs = 3, seed = 5)");
        statement.execute("ALTER PREDICTOR buyer_pg ROLLBACK TO VERSION 1");
        try (ResultSet rs = statement.executeQuery("SELECT version, is_current FROM "
            + "rowspace.model_versions WHERE name = 'buyer_pg' ORDER BY version")) {
          List<String> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(rs.getInt(1) + " " + rs.getBoolean(2));
          }
          assertEquals(List.of("1 true", "2 false"), rows);
        }
      }
      assertArrayEquals(onPostgres, probabilities(pg, "buyer_pg", "visits", "id"),
          "rolled back on PostgreSQL, bit for bit");

      // A space extended with a column on PostgreSQL, and rolled back.
      try (Statement statement = pg.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE IF EXISTS narrow_pg CASCADE");
        statement.execute("CREATE EMBEDDING SPACE narrow_pg ON visits "
            + "EXCLUDE COLUMNS (pages) WITH (epochs = 3, seed = 1)");
        statement.execute("ALTER EMBEDDING SPACE narrow_pg ADD COLUMNS (pages)");
        assertEquals("2 1 USED", columnStatus(statement, "pages"));
        statement.execute("ALTER EMBEDDING SPACE narrow_pg ROLLBACK TO VERSION 1");
        assertEquals("1 3 EXCLUDED", columnStatus(statement, "pages"));
        statement.execute("DROP EMBEDDING SPACE narrow_pg");
      }
      try (Statement statement = pg.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE shop CASCADE");
        statement.execute("DROP EMBEDDING SPACE shop_pg CASCADE");
        statement.execute("DROP TABLE visits");
      }
    }
  }

  @Test
  void aSpaceOverRelatedTablesMovesBetweenH2AndPostgresAndContinuesTraining()
      throws SQLException {
    String postgresUrl = postgres();
    Path fromH2 = directory.resolve("related_from_h2.rowspace");
    Path fromPostgres = directory.resolve("related_from_postgres.rowspace");
    try (Connection h2 = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_pg_related");
         Connection pg = DriverManager.getConnection(postgresUrl)) {
      try (Statement statement = pg.createStatement()) {
        statement.execute("DROP EMBEDDING SPACE IF EXISTS xfer_space CASCADE");
        statement.execute("DROP EMBEDDING SPACE IF EXISTS xfer_space_pg CASCADE");
        statement.execute("DROP TABLE IF EXISTS xfer_orders");
        statement.execute("DROP TABLE IF EXISTS xfer_customers");
      }
      RelatedShop.create(h2, "xfer_", 200, 29);
      RelatedShop.create(pg, "xfer_", 200, 29);

      try (Statement statement = h2.createStatement()) {
        statement.execute("CREATE EMBEDDING SPACE xfer_space ON xfer_customers "
            + "EXCLUDE COLUMNS (loyalty) WITH (epochs = 2, seed = 1, sentence_model = false)");
        statement.execute("CREATE PREDICTOR xfer_churn ON xfer_space TARGET churned "
            + "WITH (epochs = 3)");
        assertEquals(2, statement.executeUpdate("EXPORT EMBEDDING SPACE xfer_space TO '"
            + fromH2 + "'"));
      }
      try (Statement statement = pg.createStatement()) {
        assertEquals(2, statement.executeUpdate("IMPORT EMBEDDING SPACE FROM '" + fromH2
            + "'"));
        assertEquals("xfer_customers xfer_orders 1:N xfer_orders.customer_id = "
            + "xfer_customers.id", text(statement, "SELECT parent_table || ' ' || child_table "
                + "|| ' ' || kind || ' ' || join_columns FROM rowspace.relationships "
                + "WHERE space = 'xfer_space'"));
        assertEquals("[\"xfer_customers\",\"xfer_orders\"]", text(statement,
            "SELECT tables FROM rowspace.embedding_spaces WHERE name = 'xfer_space'"));
        assertTrue(columnValues(statement, "SELECT feature FROM "
            + "TABLE(FEATURE_IMPORTANCE('xfer_churn'))").contains("xfer_orders.*"));
        assertEquals("join column of xfer_orders", text(statement, "SELECT reason FROM "
            + "rowspace.space_columns WHERE space = 'xfer_space' AND table_name = 'xfer_orders' "
            + "AND column_name = 'customer_id'"));
      }
      double[] onH2 = probabilities(h2, "xfer_churn", "xfer_customers", "id");
      assertArrayEquals(onH2, probabilities(pg, "xfer_churn", "xfer_customers", "id"),
          "trained on H2 with the related table, predicting on PostgreSQL");

      try (Statement statement = pg.createStatement()) {
        statement.execute("CREATE EMBEDDING SPACE xfer_space_pg ON xfer_customers "
            + "WITH (epochs = 2, seed = 1, sentence_model = false)");
        statement.execute("CREATE PREDICTOR xfer_churn_pg ON xfer_space_pg TARGET churned "
            + "WITH (epochs = 3)");
        statement.execute("EXPORT PREDICTOR xfer_churn_pg TO '" + fromPostgres + "'");
      }
      try (Statement statement = h2.createStatement()) {
        assertEquals(2, statement.executeUpdate("IMPORT PREDICTOR FROM '" + fromPostgres
            + "'"));
        assertEquals("XFER_CUSTOMERS XFER_ORDERS", text(statement, "SELECT parent_table || ' ' "
            + "|| child_table FROM ROWSPACE.RELATIONSHIPS WHERE space = 'XFER_SPACE_PG'"));
      }
      assertArrayEquals(probabilities(pg, "xfer_churn_pg", "xfer_customers", "id"),
          probabilities(h2, "xfer_churn_pg", "xfer_customers", "id"),
          "trained on PostgreSQL with the related table, predicting on H2");

      try (Statement statement = pg.createStatement()) {
        // The imported space continues training with a root column, on PostgreSQL.
        statement.execute("ALTER EMBEDDING SPACE xfer_space ADD COLUMNS (loyalty)");
        assertEquals("2 USED", text(statement, "SELECT s.version || ' ' || c.status FROM "
            + "rowspace.embedding_spaces s JOIN rowspace.space_columns c ON c.space = s.name "
            + "WHERE s.name = 'xfer_space' AND c.column_name = 'loyalty'"));
        assertEquals("STALE", text(statement, "SELECT status FROM rowspace.predictors "
            + "WHERE name = 'xfer_churn'"));

        // New customers and orders, then REFRESH with the predictor re-fitted.
        RelatedShop.addCustomers(pg, "xfer_", 201, 230, 31);
        statement.execute("ALTER EMBEDDING SPACE xfer_space_pg REFRESH "
            + "WITH (refit_predictors = true)");
        assertEquals("2 230", text(statement, "SELECT version || ' ' || rows_trained FROM "
            + "rowspace.embedding_spaces WHERE name = 'xfer_space_pg'"));
        assertEquals("READY", text(statement, "SELECT status FROM rowspace.predictors "
            + "WHERE name = 'xfer_churn_pg'"));
        List<Object> predicted = columnValues(statement, "SELECT PREDICT('xfer_churn_pg') "
            + "FROM xfer_customers WHERE id > 200 ORDER BY id");
        assertEquals(30, predicted.size());
        assertTrue(predicted.stream().allMatch(p -> "yes".equals(p) || "no".equals(p)),
            predicted.toString());

        statement.execute("DROP EMBEDDING SPACE xfer_space CASCADE");
        statement.execute("DROP EMBEDDING SPACE xfer_space_pg CASCADE");
        statement.execute("DROP TABLE xfer_orders");
        statement.execute("DROP TABLE xfer_customers");
      }
    }
  }

  private static String text(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  private static List<Object> columnValues(Statement statement, String sql)
      throws SQLException {
    List<Object> values = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getObject(1));
      }
    }
    return values;
  }

  /** The space's version, epochs and the status of one of its columns. */
  private static String columnStatus(Statement statement, String column) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT s.version, s.epochs, c.status FROM "
        + "rowspace.embedding_spaces s JOIN rowspace.space_columns c ON c.space = s.name "
        + "WHERE s.name = 'narrow_pg' AND c.column_name = '" + column + "'")) {
      assertTrue(rs.next());
      return rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getString(3);
    }
  }

  private static void createVisits(Connection connection, String table, String id,
      String minutes, String pages, String source, String bought) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (" + id + " INTEGER PRIMARY KEY, " + minutes
          + " DOUBLE PRECISION, " + pages + " INTEGER, " + source + " VARCHAR(10), " + bought
          + " VARCHAR(3))");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
        + " VALUES (?, ?, ?, ?, ?)")) {
      for (int x = 1; x <= 200; x++) {
        insert.setInt(1, x);
        insert.setDouble(2, (x * 13) % 60 + 0.5);
        insert.setInt(3, (x * 7) % 20);
        insert.setString(4, x % 3 == 0 ? "ads" : "search");
        insert.setString(5, (x * 13) % 60 > 40 ? "yes" : "no");
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static double[] probabilities(Connection connection, String predictor, String table,
      String id) throws SQLException {
    List<Double> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT PREDICT_PROBA('" + predictor + "') FROM "
             + table + " ORDER BY " + id)) {
      while (rs.next()) {
        values.add(rs.getDouble(1));
      }
    }
    assertTrue(values.size() >= 200, values.size() + " rows");
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
