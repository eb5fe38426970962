package io.rowspace.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The churn shop's signals live in dates (days since the last order), in a share of a child's
 * category (returned orders) and two hops away behind a bridge (the share of order items whose
 * product is premium), and its root holds only the key and the target. Each signal alone is
 * recovered by a predictor on a space over the root, whose own columns carry nothing (a root
 * alone scores chance, AUC 0.5).
 */
@Tag("slow")
class ChurnShopSignalTest {
  private static final int CUSTOMERS = 500;

  @Test
  void explainNamesTheSummariesEachRelationContributesAndTheReadsNeverJoin() throws SQLException {
    try (Connection c = shop(ChurnShopGenerator.allSignals(200, 3), "explain");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR CREATE EMBEDDING SPACE churn ON "
             + "customers")) {
      List<String> plan = new ArrayList<>();
      while (rs.next()) {
        plan.add(rs.getString(1));
      }
      String text = String.join("\n", plan);
      assertTrue(text.contains("summaries per CUSTOMERS row"), text);
      assertTrue(text.contains("ORDERS.ORDERED_ON.days_since_latest"), text);
      assertTrue(text.contains("ORDERS.ORDERED_ON.per_day"), text);
      assertTrue(text.contains("ORDERS.RETURNED=no.share"), text);
      assertTrue(text.contains("ORDERS.AMOUNT.std"), text);
      assertTrue(text.contains("ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share"), text);
      assertTrue(text.contains("ORDERS→ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share"), text);
      for (String line : plan) {
        if (line.contains("SQL")) {
          assertFalse(line.toUpperCase(Locale.ROOT).contains(" JOIN "), line);
        }
      }
    }
  }

  @Test
  void daysSinceTheLastOrderAloneIsLearned() throws SQLException {
    assertRecovered(new ChurnShopGenerator(CUSTOMERS, 2.5, 0, 0, 11), "recency");
  }

  @Test
  void theShareOfReturnedOrdersAloneIsLearned() throws SQLException {
    assertRecovered(new ChurnShopGenerator(CUSTOMERS, 0, 2.5, 0, 12), "returns");
  }

  @Test
  void theShareOfPremiumItemsTwoHopsAwayBehindTheBridgeAloneIsLearned() throws SQLException {
    assertRecovered(new ChurnShopGenerator(CUSTOMERS, 0, 0, 2.5, 13), "premium");
  }

  @Test
  void everySummaryThePlanNamesReachesTheTreesAndTheLinearModelByName() throws SQLException {
    try (Connection c = shop(new ChurnShopGenerator(CUSTOMERS, 0, 2.5, 0, 12), "named");
         Statement s = c.createStatement()) {
      String planned = "";
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR CREATE EMBEDDING SPACE churn ON "
          + "customers")) {
        while (rs.next()) {
          String line = rs.getString(1).strip();
          if (line.startsWith("summaries per CUSTOMERS row")) {
            planned = line.substring(line.indexOf(": ") + 2);
          }
        }
      }
      s.executeUpdate("CREATE EMBEDDING SPACE churn ON customers");
      s.executeUpdate("CREATE PREDICTOR churn_pred ON churn TARGET churned WITH (trees = true)");
      List<String> summaries = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT feature FROM "
          + "TABLE(FEATURE_IMPORTANCE('churn_pred')) WHERE kind = 'related summary' "
          + "ORDER BY importance DESC")) {
        while (rs.next()) {
          summaries.add(rs.getString(1));
        }
      }
      // Every summary the plan names (counts, means, spreads, shares, recency and rate, the
      // two-hop shares behind the bridge) is read by the trees and the linear model and has an
      // entry of its own.
      assertFalse(planned.isEmpty(), "the plan names the summaries");
      for (String name : planned.split(", ")) {
        assertTrue(summaries.contains(name), name + " not among " + summaries);
      }
      assertTrue(summaries.contains("ORDERS.ORDERED_ON.days_since_latest"), summaries.toString());
      assertTrue(summaries.contains("ORDERS.RETURNED=no.share"), summaries.toString());
      assertTrue(summaries.contains("ORDERS→ORDER_ITEMS→PRODUCTS.CATEGORY=premium.share"),
          summaries.toString());
      // A prediction's details name the summaries that moved it, beside the table as a whole.
      try (ResultSet rs = s.executeQuery("SELECT PREDICT_DETAILS('churn_pred') FROM customers "
          + "WHERE customer_id = 1")) {
        assertTrue(rs.next());
        String details = rs.getString(1);
        assertTrue(details.contains("\"ORDERS.*\""), details);
        assertTrue(details.matches("(?s).*\"ORDERS(\\.[A-Z]|→).*"), details);
      }
    }
  }

  private static void assertRecovered(ChurnShopGenerator generator, String name)
      throws SQLException {
    try (Connection c = shop(generator, name); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE EMBEDDING SPACE churn ON customers");
      s.executeUpdate("CREATE PREDICTOR churn_pred ON churn TARGET churned");
      try (ResultSet rs = s.executeQuery("SELECT auc FROM ROWSPACE.PREDICTORS "
          + "WHERE name = 'CHURN_PRED'")) {
        assertTrue(rs.next());
        double auc = rs.getDouble(1);
        System.out.printf(Locale.ROOT, "churn shop, %s signal: validation AUC %.3f%n", name,
            auc);
        assertTrue(auc > 0.75, name + ": validation AUC " + auc);
      }
      // The new rows' related rows are read at query time: every customer gets a prediction.
      try (ResultSet rs = s.executeQuery("SELECT COUNT(PREDICT('churn_pred')) FROM customers")) {
        assertTrue(rs.next());
        assertEquals(CUSTOMERS, rs.getInt(1));
      }
    }
  }

  private static Connection shop(ChurnShopGenerator generator, String name)
      throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:churn_" + name + "_"
        + System.nanoTime());
    generator.write(c);
    return c;
  }
}
