package io.rowspace.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A generated table of customers with an integer key and ten columns (six numbers, three
 * categories and a yes/no {@code churned} that depends on them), written by the database itself
 * from {@code SYSTEM_RANGE}, so a million rows take seconds and every run gets the same rows.
 */
final class GeneratedRows {
  /** The input columns, in table order; {@code churned} follows them. */
  static final String INPUT_COLUMNS =
      "amount, age, tenure, score, visits, ratio, region, plan, channel";

  private GeneratedRows() {
  }

  /** Creates {@code table} with rows 1..{@code rows} (H2). */
  static void create(Connection connection, String table, int rows) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
      statement.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, "
          + "amount DOUBLE PRECISION, age INTEGER, tenure INTEGER, score DOUBLE PRECISION, "
          + "visits INTEGER, ratio DOUBLE PRECISION, region VARCHAR(8), plan VARCHAR(8), "
          + "channel VARCHAR(8), churned VARCHAR(3))");
      // u(k) is a uniform pseudo-random number per row: the fraction of a large sine.
      String u1 = uniform(12.9898);
      String u2 = uniform(78.233);
      String u3 = uniform(37.719);
      String u4 = uniform(4.1414);
      String u5 = uniform(91.173);
      String u6 = uniform(23.457);
      String u7 = uniform(61.211);
      String u8 = uniform(8.5453);
      String u9 = uniform(53.871);
      statement.execute("INSERT INTO " + table + " SELECT id, amount, age, tenure, score, "
          + "visits, amount / (1 + visits), region, plan, channel, "
          + "CASE WHEN 0.5 * score + CASE WHEN visits < 10 THEN 0.3 ELSE 0 END "
          + "+ CASE WHEN plan = 'free' THEN 0.2 ELSE 0 END + 0.3 * noise > 0.7 "
          + "THEN 'yes' ELSE 'no' END FROM (SELECT X AS id, "
          + "ROUND(10 + 990 * " + u1 + " * " + u1 + ", 2) AS amount, "
          + "18 + CAST(FLOOR(60 * " + u2 + ") AS INTEGER) AS age, "
          + "CAST(FLOOR(120 * " + u3 + " * " + u2 + ") AS INTEGER) AS tenure, "
          + "ROUND(" + u4 + " * " + u4 + " + 0.3 * " + u1 + ", 4) AS score, "
          + "CAST(FLOOR(50 * " + u5 + ") AS INTEGER) AS visits, "
          + "CASE CAST(FLOOR(5 * " + u6 + ") AS INTEGER) WHEN 0 THEN 'north' WHEN 1 THEN 'south' "
          + "WHEN 2 THEN 'east' WHEN 3 THEN 'west' ELSE 'centre' END AS region, "
          + "CASE WHEN " + u7 + " < 0.5 THEN 'free' WHEN " + u7 + " < 0.85 THEN 'basic' "
          + "ELSE 'pro' END AS plan, "
          + "CASE CAST(FLOOR(4 * " + u8 + ") AS INTEGER) WHEN 0 THEN 'web' WHEN 1 THEN 'app' "
          + "WHEN 2 THEN 'store' ELSE 'phone' END AS channel, "
          + u9 + " AS noise FROM SYSTEM_RANGE(1, " + rows + "))");
    }
  }

  private static String uniform(double frequency) {
    String wave = "ABS(SIN(X * " + frequency + ") * 43758.5453)";
    return "(" + wave + " - FLOOR(" + wave + "))";
  }
}
