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
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link KillLoopBenchmark} finds in the database after a kill: every user row whose commit
 * returned is there; every model whose statement returned is {@code READY}; no {@code READY}
 * model went back to an older version or changed without a statement that changes it; and the
 * stored bytes of the models a statement touched since the last check (and of a random sample of
 * the others) match the checksum recorded with them, and each of those models answers a query
 * ({@code PREDICT} for a predictor, {@code SIMILAR_ROWS} for a space). A full check does that for
 * every {@code READY} model. Each miss is a loss, named.
 *
 * <p>The check keeps, per model, the version and checksums it saw last, so its cost per kill is
 * the catalog's rows plus the models touched and the sample, not every model every time.
 */
final class KillLoopCheck {
  private final String rowspaceUrl;
  private final String h2Url;
  private final int sample;
  private final Random random;
  /** Per READY model seen: "kind version checksums". */
  private final Map<String, String> seen = new HashMap<>();

  /**
   * @param rowspaceUrl the URL users connect with, e.g. {@code jdbc:rowspace:h2:/tmp/kill/db}
   * @param h2Url the same database through H2 alone, to read the catalog's stored bytes
   * @param sample models not touched since the last check whose bytes and answers are checked
   *     again each time
   */
  KillLoopCheck(String rowspaceUrl, String h2Url, int sample, long seed) {
    this.rowspaceUrl = rowspaceUrl;
    this.h2Url = h2Url;
    this.sample = sample;
    this.random = new Random(seed);
  }

  /** The outcome of one check: models and rows looked at, and every loss found. */
  record Outcome(int readyModels, int modelsVerified, int rows, List<String> losses) {
  }

  /**
   * Checks the database.
   *
   * @param committedRows every user row whose commit returned
   * @param finishedModels every model whose statement returned
   * @param touched models a statement ran on since the last check (finished or killed)
   * @param full whether to verify every READY model's bytes and answers
   */
  Outcome check(Set<Integer> committedRows, Set<String> finishedModels, Set<String> touched,
      boolean full) {
    List<String> losses = new ArrayList<>();
    Map<String, Model> ready = new TreeMap<>();
    int rows = 0;
    int verified = 0;
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
      ready.putAll(readySpaces(h2));
      ready.putAll(readyPredictors(h2));
      for (String model : finishedModels) {
        if (!ready.containsKey(model)) {
          losses.add(model + " finished but is not READY");
        }
      }
      List<String> untouched = new ArrayList<>();
      for (Model model : ready.values()) {
        String before = seen.get(model.name());
        if (before != null && !before.equals(model.state())) {
          int was = Integer.parseInt(before.split(" ")[1]);
          if (model.version() < was) {
            losses.add(model.name() + " went back from version " + was + " to "
                + model.version());
          } else if (!touched.contains(model.name())) {
            losses.add(model.name() + " changed (" + before + " -> " + model.state()
                + ") though no statement ran on it");
          }
        }
        if (full || before == null || touched.contains(model.name())) {
          verified += verify(h2, rowspace, model, losses);
        } else {
          untouched.add(model.name());
        }
      }
      Collections.shuffle(untouched, random);
      for (String name : untouched.subList(0, Math.min(sample, untouched.size()))) {
        verified += verify(h2, rowspace, ready.get(name), losses);
      }
      for (String name : seen.keySet()) {
        if (!ready.containsKey(name)) {
          losses.add(name + " was READY and is gone");
        }
      }
      ready.values().forEach(m -> seen.put(m.name(), m.state()));
    } catch (SQLException e) {
      losses.add("the database does not open: [" + e.getSQLState() + "] " + firstLine(e));
    }
    return new Outcome(ready.size(), verified, rows, losses);
  }

  /** A READY model as the catalog lists it. */
  private record Model(String name, String kind, int version, String checksum,
      String vectorsChecksum, String indexChecksum) {
    String state() {
      return kind + " " + version + " " + checksum + " " + vectorsChecksum + " " + indexChecksum;
    }
  }

  /** Checks a model's stored bytes and that it answers; 1 when it was looked at. */
  private static int verify(Connection h2, Connection rowspace, Model model, List<String> losses)
      throws SQLException {
    boolean intact;
    if (model.kind().equals("space")) {
      intact = matches(h2, "SPACE", model.name(), model.version(), model.checksum(), losses)
          & matches(h2, "SPACE_VECTORS", model.name(), model.version(),
              model.vectorsChecksum(), losses);
      if (model.indexChecksum() != null) {
        intact &= matches(h2, "SPACE_INDEX", model.name(), model.version(),
            model.indexChecksum(), losses);
      }
    } else {
      intact = matches(h2, "PREDICTOR", model.name(), model.version(), model.checksum(),
          losses);
    }
    if (intact) {
      answers(rowspace, model.name(), model.kind(), losses);
    }
    return 1;
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

  private static Map<String, Model> readySpaces(Connection h2) throws SQLException {
    Map<String, Model> ready = new TreeMap<>();
    try (Statement s = h2.createStatement();
         ResultSet rs = s.executeQuery("SELECT name, version, checksum, vectors_checksum, "
             + "index_checksum FROM ROWSPACE.EMBEDDING_SPACES WHERE status = 'READY'")) {
      while (rs.next()) {
        ready.put(rs.getString(1), new Model(rs.getString(1), "space", rs.getInt(2),
            rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
    return ready;
  }

  private static Map<String, Model> readyPredictors(Connection h2) throws SQLException {
    Map<String, Model> ready = new TreeMap<>();
    try (Statement s = h2.createStatement();
         ResultSet rs = s.executeQuery("SELECT name, version, checksum "
             + "FROM ROWSPACE.PREDICTORS WHERE status = 'READY'")) {
      while (rs.next()) {
        ready.put(rs.getString(1), new Model(rs.getString(1), "predictor", rs.getInt(2),
            rs.getString(3), null, null));
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
