package io.rowspace.bench;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link KillLoopBenchmark} finds in the database after a kill: every user row whose commit
 * returned is there; every model whose statement returned is {@code READY}; every {@code READY}
 * model's stored bytes match the checksum recorded with it, and the model answers a query
 * ({@code PREDICT} for a predictor, {@code SIMILAR_ROWS} for a space). Each miss is a loss, named.
 */
final class KillLoopCheck {
  private final String rowspaceUrl;
  private final String h2Url;

  /**
   * @param rowspaceUrl the URL users connect with, e.g. {@code jdbc:rowspace:h2:/tmp/kill/db}
   * @param h2Url the same database through H2 alone, to read the catalog's stored bytes
   */
  KillLoopCheck(String rowspaceUrl, String h2Url) {
    this.rowspaceUrl = rowspaceUrl;
    this.h2Url = h2Url;
  }

  /** The outcome of one check: models and rows looked at, and every loss found. */
  record Outcome(int readyModels, int rows, List<String> losses) {
  }

  Outcome check(Set<Integer> committedRows, Set<String> finishedModels) {
    List<String> losses = new ArrayList<>();
    Map<String, String> ready = new LinkedHashMap<>();
    int rows = 0;
    try (Connection h2 = DriverManager.getConnection(h2Url);
         Connection rowspace = DriverManager.getConnection(rowspaceUrl)) {
      Set<Integer> found = ledger(h2);
      rows = found.size();
      for (int id : committedRows) {
        if (!found.contains(id)) {
          losses.add("user row " + id + " of LEDGER is missing");
        }
      }
      checkBirds(h2, losses);
      ready.putAll(readySpaces(h2, losses));
      ready.putAll(readyPredictors(h2, losses));
      for (String model : finishedModels) {
        if (!ready.containsKey(model)) {
          losses.add(model + " finished but is not READY");
        }
      }
      for (Map.Entry<String, String> model : ready.entrySet()) {
        answers(rowspace, model.getKey(), model.getValue(), losses);
      }
    } catch (SQLException e) {
      losses.add("the database does not open: [" + e.getSQLState() + "] " + firstLine(e));
    }
    return new Outcome(ready.size(), rows, losses);
  }

  private static Set<Integer> ledger(Connection h2) throws SQLException {
    Set<Integer> ids = new TreeSet<>();
    try (Statement s = h2.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM ledger")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static void checkBirds(Connection h2, List<String> losses) throws SQLException {
    try (Statement s = h2.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM birds")) {
      rs.next();
      if (rs.getInt(1) != KillLoopBenchmark.BIRDS) {
        losses.add("BIRDS has " + rs.getInt(1) + " rows, not " + KillLoopBenchmark.BIRDS);
      }
    }
  }

  /** READY spaces whose stored bytes match their checksums, as name to kind. */
  private static Map<String, String> readySpaces(Connection h2, List<String> losses)
      throws SQLException {
    Map<String, String> ready = new LinkedHashMap<>();
    try (Statement s = h2.createStatement();
         ResultSet rs = s.executeQuery("SELECT name, version, checksum, vectors_checksum, "
             + "index_checksum FROM ROWSPACE.EMBEDDING_SPACES WHERE status = 'READY'")) {
      while (rs.next()) {
        String name = rs.getString(1);
        int version = rs.getInt(2);
        boolean intact = matches(h2, "SPACE", name, version, rs.getString(3), losses)
            & matches(h2, "SPACE_VECTORS", name, version, rs.getString(4), losses);
        if (rs.getString(5) != null) {
          intact &= matches(h2, "SPACE_INDEX", name, version, rs.getString(5), losses);
        }
        if (intact) {
          ready.put(name, "space");
        }
      }
    }
    return ready;
  }

  private static Map<String, String> readyPredictors(Connection h2, List<String> losses)
      throws SQLException {
    Map<String, String> ready = new LinkedHashMap<>();
    try (Statement s = h2.createStatement();
         ResultSet rs = s.executeQuery("SELECT name, version, checksum "
             + "FROM ROWSPACE.PREDICTORS WHERE status = 'READY'")) {
      while (rs.next()) {
        if (matches(h2, "PREDICTOR", rs.getString(1), rs.getInt(2), rs.getString(3), losses)) {
          ready.put(rs.getString(1), "predictor");
        }
      }
    }
    return ready;
  }

  private static boolean matches(Connection h2, String kind, String name, int version,
      String checksum, List<String> losses) throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PreparedStatement ps = h2.prepareStatement("SELECT chunk FROM ROWSPACE.MODEL_BLOBS "
        + "WHERE kind = ? AND name = ? AND version = ? ORDER BY chunk_no")) {
      ps.setString(1, kind);
      ps.setString(2, name);
      ps.setInt(3, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          bytes.writeBytes(rs.getBytes(1));
        }
      }
    }
    if (!sha256(bytes.toByteArray()).equals(checksum)) {
      losses.add(name + " is READY but its " + kind + " bytes (version " + version
          + ") do not match their checksum");
      return false;
    }
    return true;
  }

  private static void answers(Connection rowspace, String name, String kind,
      List<String> losses) {
    String sql = kind.equals("predictor")
        ? "SELECT COUNT(PREDICT('" + name + "')) FROM birds"
        : "SELECT COUNT(*) FROM TABLE(SIMILAR_ROWS('" + name + "', 1, 3))";
    int expected = kind.equals("predictor") ? KillLoopBenchmark.BIRDS : 3;
    try (Statement s = rowspace.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      if (rs.getInt(1) != expected) {
        losses.add(sql + " gave " + rs.getInt(1) + " rows, not " + expected);
      }
    } catch (SQLException e) {
      losses.add(sql + " fails: [" + e.getSQLState() + "] " + firstLine(e));
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String firstLine(SQLException e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }
}
