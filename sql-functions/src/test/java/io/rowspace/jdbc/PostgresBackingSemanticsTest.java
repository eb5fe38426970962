package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
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
    try (Connection connection = TestPostgres.penguinsWithPredictor();
         Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery(
          "SELECT AVG(body_mass_g), MAX(PREDICT('sp')) FROM penguins")) {
        assertTrue(rs.next());
        int type = rs.getMetaData().getColumnType(1);
        assertTrue(type == Types.NUMERIC || type == Types.DECIMAL, "numeric, not " + type);
        BigDecimal average = rs.getBigDecimal(1);
        assertEquals(4201.754385964912, average.doubleValue(), 1e-9, average::toPlainString);
      }
      BackingSemanticsTest.biToolShapes(new DifferentialCheck(connection, true));
      TestPostgres.dropPenguins(connection);
    }
  }
}
