package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/**
 * {@link BackingSemanticsTest} on PostgreSQL ({@code ROWSPACE_TEST_POSTGRES_URL}): AVG of an
 * integer beside a model call is PostgreSQL's {@code numeric}, NULLs sort last, and the BI-tool
 * shapes equal what PostgreSQL says without the model call.
 */
class PostgresBackingSemanticsTest {

  @Test
  void queriesBesideAModelCallMeanWhatTheyMeanOnPostgres() throws SQLException {
    String backing = TestPostgres.url();
    try (Connection plain = DriverManager.getConnection(backing);
         Statement statement = plain.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS rowspace CASCADE");
      statement.execute("DROP TABLE IF EXISTS penguins");
    }
    String url = backing.replace("jdbc:postgresql:", "jdbc:rowspace:postgresql:")
        + (backing.contains("?") ? "&" : "?") + "stringtype=unspecified";
    try (Connection connection = DriverManager.getConnection(url)) {
      SharedDatasets.load(connection, "penguins", "penguins", "penguins", id -> true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE EMBEDDING SPACE penguin_space ON penguins WITH (epochs = 3)");
        statement.execute("CREATE PREDICTOR sp ON penguin_space TARGET species "
            + "WITH (epochs = 8)");
        try (ResultSet rs = statement.executeQuery(
            "SELECT AVG(body_mass_g), MAX(PREDICT('sp')) FROM penguins")) {
          assertTrue(rs.next());
          int type = rs.getMetaData().getColumnType(1);
          assertTrue(type == Types.NUMERIC || type == Types.DECIMAL, "numeric, not " + type);
          BigDecimal average = rs.getBigDecimal(1);
          assertEquals(4201.754385964912, average.doubleValue(), 1e-9, average::toPlainString);
        }
        BackingSemanticsTest.biToolShapes(new DifferentialCheck(connection, true));
        statement.execute("DROP PREDICTOR sp");
        statement.execute("DROP EMBEDDING SPACE penguin_space");
        statement.execute("DROP TABLE penguins");
      }
    }
  }
}
