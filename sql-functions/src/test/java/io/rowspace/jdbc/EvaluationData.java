package io.rowspace.jdbc;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generated accounts for the evaluation tests, on any backing database: {@code accounts} (600
 * rows, the training table) and {@code accounts_new} (300 rows of the same kind, some with a NULL
 * target). Whether an account churned depends on {@code signal} alone (plus noise);
 * {@code spend} on {@code plan} and {@code usage}; {@code noise_a}, {@code noise_b} carry
 * nothing. Also the figures a user would compute from {@code PREDICT_PROBA} and {@code PREDICT},
 * written out here as their textbook definitions.
 */
final class EvaluationData {
  private EvaluationData() {
  }

  static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String table : List.of("accounts", "accounts_new")) {
        statement.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, "
            + "signal DOUBLE PRECISION, usage DOUBLE PRECISION, noise_a DOUBLE PRECISION, "
            + "noise_b DOUBLE PRECISION, plan VARCHAR(10), opened DATE, churned VARCHAR(3), "
            + "spend DOUBLE PRECISION)");
      }
    }
    fill(connection, "accounts", 600, new Random(11), false);
    fill(connection, "accounts_new", 300, new Random(12), true);
  }

  private static void fill(Connection connection, String table, int rows, Random random,
      boolean someUnlabelled) throws SQLException {
    String[] plans = {"free", "basic", "pro"};
    LocalDate first = LocalDate.of(2021, 1, 1);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= rows; id++) {
        double signal = random.nextGaussian();
        double usage = 10 + 5 * random.nextGaussian();
        int plan = random.nextInt(3);
        boolean churned = 2.5 * signal + 0.5 * random.nextGaussian() > 1.0;
        double spend = 20 * plan + 3 * usage + 4 * random.nextGaussian();
        insert.setInt(1, id);
        insert.setDouble(2, signal);
        insert.setDouble(3, usage);
        insert.setDouble(4, random.nextGaussian());
        insert.setDouble(5, random.nextDouble());
        insert.setString(6, plans[plan]);
        insert.setDate(7, Date.valueOf(first.plusDays(random.nextInt(700))));
        if (someUnlabelled && id % 10 == 0) {
          insert.setNull(8, Types.VARCHAR);
          insert.setNull(9, Types.DOUBLE);
        } else {
          insert.setString(8, churned ? "yes" : "no");
          insert.setDouble(9, spend);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The labelled rows' truth and probabilities of a binary predictor, read with PREDICT_PROBA. */
  record Scored(boolean[] positive, double[] probability, double[] probabilityOfOther,
      boolean[] predictedPositive) {
  }

  static Scored scored(Connection connection, String predictor, String table) throws SQLException {
    return scored(connection, predictor, table, "TRUE");
  }

  /** The same for the rows of a table that satisfy a condition. */
  static Scored scored(Connection connection, String predictor, String table, String condition)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT churned, PREDICT_PROBA('" + predictor
             + "', 'yes'), PREDICT_PROBA('" + predictor + "', 'no'), PREDICT('" + predictor
             + "') FROM " + table + " WHERE " + condition + " AND churned IS NOT NULL")) {
      while (rs.next()) {
        rows.add(new Object[] {rs.getString(1), rs.getDouble(2), rs.getDouble(3),
            rs.getString(4)});
      }
    }
    int n = rows.size();
    Scored s = new Scored(new boolean[n], new double[n], new double[n], new boolean[n]);
    for (int i = 0; i < n; i++) {
      s.positive()[i] = rows.get(i)[0].equals("yes");
      s.probability()[i] = (Double) rows.get(i)[1];
      s.probabilityOfOther()[i] = (Double) rows.get(i)[2];
      s.predictedPositive()[i] = rows.get(i)[3].equals("yes");
    }
    return s;
  }

  static double accuracy(Scored s) {
    int right = 0;
    for (int i = 0; i < s.positive().length; i++) {
      right += s.positive()[i] == s.predictedPositive()[i] ? 1 : 0;
    }
    return right / (double) s.positive().length;
  }

  static double f1(Scored s) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < s.positive().length; i++) {
      if (s.positive()[i] && s.predictedPositive()[i]) {
        tp++;
      } else if (s.predictedPositive()[i]) {
        fp++;
      } else if (s.positive()[i]) {
        fn++;
      }
    }
    return 2.0 * tp / (2.0 * tp + fp + fn);
  }

  static double logLoss(Scored s) {
    double sum = 0;
    for (int i = 0; i < s.positive().length; i++) {
      sum -= Math.log(Math.max(1e-12, s.positive()[i] ? s.probability()[i]
          : s.probabilityOfOther()[i]));
    }
    return sum / s.positive().length;
  }

  /**
   * Expected calibration error: the confidence is the larger of the two probabilities (the first
   * class, "no", on a tie), rows binned by tenths of it; the sum over bins of |right - confident|
   * divided by the rows.
   */
  static double calibrationError(Scored s) {
    double[] gap = new double[10];
    int n = s.positive().length;
    for (int i = 0; i < n; i++) {
      boolean saysYes = s.probability()[i] > s.probabilityOfOther()[i];
      double confidence = saysYes ? s.probability()[i] : s.probabilityOfOther()[i];
      int bin = Math.min(9, (int) (confidence * 10));
      gap[bin] += (saysYes == s.positive()[i] ? 1 : 0) - confidence;
    }
    return Arrays.stream(gap).map(Math::abs).sum() / n;
  }
}
