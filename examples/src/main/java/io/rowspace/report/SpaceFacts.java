package io.rowspace.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a report shows about one space, read through a Rowspace connection: its catalog row, its
 * training timeline, its columns and a sample of its rows' 3-D projection.
 *
 * @param name the space's name as stored
 * @param summary catalog facts in display order (root table, rows, epochs, ...)
 * @param epochs the training timeline, one row per epoch
 * @param columns the space's columns, used and excluded
 * @param points up to {@link #MAX_POINTS} rows: x, y, z and anomaly score
 * @param rowCount how many rows the space embedded
 */
public record SpaceFacts(String name, Map<String, String> summary, List<Epoch> epochs,
    List<Column> columns, List<double[]> points, long rowCount) {
  /** Rows drawn at most in the 3-D view. */
  public static final int MAX_POINTS = 5000;

  /** One epoch of training. */
  public record Epoch(int epoch, double learningRate, double trainLoss, double validationLoss,
      double spreadLoss, double temperature, double gradNorm, String failures, String actions) {
  }

  /** One column of the space. */
  public record Column(String table, String name, String sqlType, String detectedType,
      String encoder, String status, String reason, Double bits) {
  }

  /**
   * Reads a space's facts.
   *
   * @throws SQLException 42704 if there is no such space
   */
  public static SpaceFacts read(Connection connection, String space) throws SQLException {
    String name = storedName(connection, space);
    Map<String, String> summary = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT root_table, tables, "
        + "rows_trained, columns_used, d_model, epochs, train_seconds, final_validation_loss, "
        + "device, seed, created_at, version FROM ROWSPACE.EMBEDDING_SPACES WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String[] labels = {"root table", "tables", "rows trained", "columns used", "d_model",
            "epochs", "training seconds", "final validation loss", "device", "seed", "created",
            "version"};
        for (int i = 0; i < labels.length; i++) {
          summary.put(labels[i], String.valueOf(rs.getObject(i + 1)));
        }
      }
    }
    List<Epoch> epochs = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT epoch, learning_rate, "
        + "train_loss, validation_loss, spread_loss, temperature, grad_norm, failures, actions "
        + "FROM ROWSPACE.TRAINING_TIMELINE WHERE model = ? AND model_kind = 'SPACE' "
        + "ORDER BY epoch")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          epochs.add(new Epoch(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
              rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), text(rs.getString(8)),
              text(rs.getString(9))));
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT table_name, column_name, "
        + "sql_type, detected_type, encoder, status, reason, mutual_information_bits "
        + "FROM ROWSPACE.SPACE_COLUMNS WHERE space = ? ORDER BY ordinal")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double bits = rs.getDouble(8);
          columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), text(rs.getString(7)),
              rs.wasNull() ? null : bits));
        }
      }
    }
    List<double[]> all = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT x, y, z, anomaly_score FROM "
             + "TABLE(EMBEDDINGS('" + name.replace("'", "''") + "'))")) {
      while (rs.next()) {
        all.add(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3),
            rs.getDouble(4)});
      }
    }
    return new SpaceFacts(name, summary, epochs, columns, evenSample(all), all.size());
  }

  /** Every n-th row, so the sample spans the whole table in its stored order. */
  private static List<double[]> evenSample(List<double[]> rows) {
    if (rows.size() <= MAX_POINTS) {
      return rows;
    }
    List<double[]> sample = new ArrayList<>(MAX_POINTS);
    for (int i = 0; i < MAX_POINTS; i++) {
      sample.add(rows.get((int) ((long) i * rows.size() / MAX_POINTS)));
    }
    return sample;
  }

  /** The name as stored: as written, else folded to upper case as unquoted names are. */
  private static String storedName(Connection connection, String space) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT name FROM ROWSPACE.EMBEDDING_SPACES WHERE status = 'READY' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    for (String candidate : List.of(space, space.toUpperCase(Locale.ROOT))) {
      if (names.contains(candidate)) {
        return candidate;
      }
    }
    throw new SQLException("Embedding space '" + space + "' does not exist. Existing spaces: "
        + (names.isEmpty() ? "none" : String.join(", ", names)) + ".", "42704");
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
