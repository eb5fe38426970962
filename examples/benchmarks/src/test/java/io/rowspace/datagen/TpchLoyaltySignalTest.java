package io.rowspace.datagen;

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
 * TPC-H-shaped tables (customer ← orders ← lineitem → part, supplier) whose loyalty label is
 * planted from recency, urgent orders and one manufacturer's share of the line items: the plan
 * names the summaries that carry it without joining root and child, and a predictor over the
 * related tables learns it where the customer's own columns cannot.
 */
@Tag("slow")
class TpchLoyaltySignalTest {
  /** About 500 customers with orders, 7,500 orders and 30,000 line items. */
  private static final double SCALE = 0.005;

  @Test
  void theLabelPlantedInOrdersAndLineItemsIsLearnedFromTheirSummaries() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:rowspace:h2:mem:tpch_loyalty_"
        + System.nanoTime()); Statement s = c.createStatement()) {
      TpchLoyaltyGenerator.allSignals(SCALE, 42).write(c);
      List<String> plan = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR CREATE EMBEDDING SPACE loyalty ON "
          + "customer INCLUDE (orders, lineitem, part, supplier)")) {
        while (rs.next()) {
          plan.add(rs.getString(1));
        }
      }
      String text = String.join("\n", plan);
      assertTrue(text.contains("ORDERS.O_ORDERDATE.days_since_latest"), text);
      assertTrue(text.contains("ORDERS.O_ORDERPRIORITY=1-URGENT.share"), text);
      assertTrue(text.contains("ORDERS→LINEITEM→PART.P_MFGR=Manufacturer#1.share"), text);
      for (String line : plan) {
        if (line.contains("SQL")) {
          assertFalse(line.toUpperCase(Locale.ROOT).contains(" JOIN "), line);
        }
      }
      s.executeUpdate("CREATE EMBEDDING SPACE loyalty ON customer "
          + "INCLUDE (orders, lineitem, part, supplier)");
      s.executeUpdate("CREATE EMBEDDING SPACE alone ON customer INCLUDE NO RELATED TABLES");
      double related = auc(s, "loyalty");
      double alone = auc(s, "alone");
      System.out.printf(Locale.ROOT, "tpch loyalty: validation AUC %.3f with related tables, "
          + "%.3f on the customer alone%n", related, alone);
      assertTrue(related > 0.75, "with related tables: AUC " + related);
      assertTrue(related > alone + 0.1, related + " vs the customer alone " + alone);
    }
  }

  private static double auc(Statement s, String space) throws SQLException {
    s.executeUpdate("CREATE PREDICTOR " + space + "_pred ON " + space + " TARGET loyal");
    try (ResultSet rs = s.executeQuery("SELECT auc FROM ROWSPACE.PREDICTORS WHERE name = '"
        + space.toUpperCase(Locale.ROOT) + "_PRED'")) {
      assertTrue(rs.next());
      return rs.getDouble(1);
    }
  }
}
