package io.rowspace.report;

import io.rowspace.sql.error.RowspaceErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a report shows about one space, read through a Rowspace connection: its catalog row, its
 * training timeline, its columns and a sample of its rows' 3-D projection, each row with its key
 * and the value of the column the view is coloured by.
 *
 * @param name the space's name as stored
 * @param summary catalog facts in display order (root table, rows, epochs, ...)
 * @param epochs the training timeline, one row per epoch
 * @param columns the space's columns, used and excluded
 * @param points up to {@link #MAX_POINTS} rows
 * @param rowCount how many rows the space embedded
 * @param colorBy the root table's column the points are coloured by, or {@code null} for the
 *     anomaly score
 */
public record SpaceFacts(String name, Map<String, String> summary, List<Epoch> epochs,
    List<Column> columns, List<Point> points, long rowCount, String colorBy) {
  /** Rows drawn at most in the 3-D view. */
  public static final int MAX_POINTS = 5000;
  private static final Set<String> PROJECTION = Set.of("X", "Y", "Z", "ANOMALY_SCORE", "EMBEDDING");

  /** One epoch of training. */
  public record Epoch(int epoch, double learningRate, double trainLoss, double validationLoss,
      double spreadLoss, double temperature, double gradNorm, String failures, String actions) {
  }

  /** One column of the space; {@code bits} is null when no estimate was stored. */
  public record Column(String table, String name, String sqlType, String detectedType,
      String encoder, String status, String reason, Double bits) {
  }

  /**
   * One row in the 3-D view.
   *
   * @param key the row's key as text, e.g. {@code "42"} or {@code "7, 2021"}
   * @param color the value of the colour column ({@code null} when NULL or there is none)
   */
  public record Point(double x, double y, double z, double anomalyScore, String key, Object color) {
  }

  /** Reads a space's facts, coloured by the first predictor's target if it has one. */
  public static SpaceFacts read(Connection connection, String space) throws SQLException {
    return read(connection, space, null);
  }

  /**
   * Reads a space's facts.
   *
   * @param colorBy a column of the space's root table, or {@code null} for the target of the
   *     space's first predictor (the anomaly score when it has none)
   * @throws SQLException 42704 if there is no such space, 42S22 if there is no such column
   */
  public static SpaceFacts read(Connection connection, String space, String colorBy)
      throws SQLException {
    String name = storedName(connection, space);
    Map<String, String> summary = new LinkedHashMap<>();
    String rootTable;
    try (PreparedStatement ps = connection.prepareStatement("SELECT root_table, tables, "
        + "rows_trained, columns_used, d_model, epochs, train_seconds, final_validation_loss, "
        + "device, seed, created_at, version FROM ROWSPACE.EMBEDDING_SPACES WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        rootTable = rs.getString(1);
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
          // wasNull() speaks of the column read last, so the estimate is read on its own.
          double bits = rs.getDouble(8);
          Double estimate = rs.wasNull() ? null : bits;
          columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), text(rs.getString(7)),
              estimate));
        }
      }
    }
    String color = colorBy != null ? colorBy : firstTarget(connection, name);
    List<Point> all = new ArrayList<>();
    List<String> keyColumns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT * FROM TABLE(EMBEDDINGS('"
             + name.replace("'", "''") + "'))")) {
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, Integer> at = new HashMap<>();
      List<Integer> keys = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String label = meta.getColumnLabel(i).toUpperCase(Locale.ROOT);
        at.put(label, i);
        if (!PROJECTION.contains(label)) {
          keys.add(i);
          keyColumns.add(meta.getColumnLabel(i));
        }
      }
      while (rs.next()) {
        List<String> key = new ArrayList<>();
        for (int k : keys) {
          key.add(String.valueOf(rs.getObject(k)));
        }
        all.add(new Point(rs.getDouble(at.get("X")), rs.getDouble(at.get("Y")),
            rs.getDouble(at.get("Z")), rs.getDouble(at.get("ANOMALY_SCORE")),
            String.join(", ", key), null));
      }
    }
    List<Point> sample = evenSample(all);
    String colorColumn = null;
    if (color != null) {
      ColumnValues values = ColumnValues.read(connection, rootTable, keyColumns, color,
          colorBy != null);
      if (values != null) {
        colorColumn = values.column();
        List<Point> coloured = new ArrayList<>(sample.size());
        for (Point p : sample) {
          coloured.add(new Point(p.x(), p.y(), p.z(), p.anomalyScore(), p.key(),
              values.byKey().get(p.key())));
        }
        sample = coloured;
      }
    }
    return new SpaceFacts(name, summary, epochs, columns, sample, all.size(), colorColumn);
  }

  /** The target of the space's first predictor (oldest first), or {@code null}. */
  private static String firstTarget(Connection connection, String space) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT target FROM "
        + "ROWSPACE.PREDICTORS WHERE space = ? AND status = 'READY' ORDER BY created_at, name")) {
      ps.setString(1, space);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Every n-th row, so the sample spans the whole table in its stored order. */
  private static List<Point> evenSample(List<Point> rows) {
    if (rows.size() <= MAX_POINTS) {
      return rows;
    }
    List<Point> sample = new ArrayList<>(MAX_POINTS);
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
    throw RowspaceErrors.unknownSpace(space, names);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
