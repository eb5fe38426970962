package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The inference benchmark's 10,000 customers with seed 7 and three epochs: the first epoch is
 * healthy, the second collapses (a temperature boost and a rollback follow), the third collapses
 * again at the new temperature. The space keeps the first epoch and is created; it used to fail
 * with "the loss was never finite", because the boost had reset the loss to beat and nothing
 * beat it.
 */
class CollapsingSpaceTest {

  @Test
  void aSpaceWhoseLaterEpochsCollapseKeepsItsHealthyEpoch() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:collapsing_space");
         Statement s = c.createStatement()) {
      GeneratedRows.create(c, "customers", 10_000);
      assertEquals(10_000, s.executeUpdate("CREATE EMBEDDING SPACE churn_space ON customers "
          + "WITH (seed = 7, epochs = 3)"));
      try (ResultSet rs = s.executeQuery("SELECT epoch, failures, actions "
          + "FROM ROWSPACE.TRAINING_TIMELINE ORDER BY epoch")) {
        StringBuilder timeline = new StringBuilder();
        int collapses = 0;
        while (rs.next()) {
          timeline.append(rs.getInt(1)).append(": ").append(rs.getString(2)).append(" / ")
              .append(rs.getString(3)).append('\n');
          collapses += rs.getString(2) != null && rs.getString(2).startsWith("collapse") ? 1 : 0;
        }
        assertTrue(collapses >= 1, "the case this test is about: a later epoch collapses\n"
            + timeline);
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TABLE(EMBEDDINGS('churn_space'))")) {
        assertTrue(rs.next());
        assertEquals(10_000, rs.getInt(1));
      }
    }
  }
}
