package io.rowspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One remote client of the load benchmark: its own connection to the server, scoring a window of
 * rows per query with {@code PREDICT} and {@code PREDICT_DETAILS} until a deadline, and noting
 * for each query when it ran and which version of the predictor answered it.
 */
final class ScoringClient implements Callable<ScoringClient.Outcome> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answered query: when it started and ended, and the predictor version of its rows. */
  record Query(long startNanos, long endNanos, long version, int rows) {
  }

  /** What the client did: its answered queries and its failures. */
  record Outcome(List<Query> queries, List<String> errors) {
  }

  private final String url;
  private final String predictor;
  private final int tableRows;
  private final int window;
  private final int seed;
  private final long deadlineNanos;

  ScoringClient(String url, String predictor, int tableRows, int window, int seed,
      long deadlineNanos) {
    this.url = url;
    this.predictor = predictor;
    this.tableRows = tableRows;
    this.window = window;
    this.seed = seed;
    this.deadlineNanos = deadlineNanos;
  }

  @Override public Outcome call() {
    List<Query> queries = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
         PreparedStatement score = connection.prepareStatement("SELECT id, PREDICT('"
             + predictor + "') AS kind, PREDICT_DETAILS('" + predictor + "') AS details "
             + "FROM shops WHERE id BETWEEN ? AND ?")) {
      int next = seed * 7919 % tableRows;
      while (System.nanoTime() < deadlineNanos) {
        int first = 1 + next % (tableRows - window);
        next += 104_729;
        score.setInt(1, first);
        score.setInt(2, first + window - 1);
        long start = System.nanoTime();
        try (ResultSet rows = score.executeQuery()) {
          long version = -1;
          int read = 0;
          while (rows.next()) {
            read++;
            long rowVersion = version(rows.getString("DETAILS"));
            if (rows.getString("KIND") == null || (version >= 0 && rowVersion != version)) {
              errors.add("rows " + first + "..: a row without a prediction or of a second "
                  + "version in one query");
            }
            version = rowVersion;
          }
          if (read != window) {
            errors.add("rows " + first + "..: " + read + " rows scored, not " + window);
          }
          queries.add(new Query(start, System.nanoTime(), version, read));
        } catch (SQLException | RuntimeException e) {
          errors.add("query: " + describe(e));
        }
      }
    } catch (SQLException e) {
      errors.add("connect or prepare: " + describe(e));
    }
    return new Outcome(queries, errors);
  }

  /** The error with its deepest cause, where Avatica keeps the server's own message. */
  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String state = e instanceof SQLException sql ? "[" + sql.getSQLState() + "] " : "";
    return state + e.getMessage() + (root == e ? "" : " <- " + root.getMessage());
  }

  private static long version(String details) {
    try {
      JsonNode version = JSON.readTree(details).path("metadata").path("version");
      if (!version.canConvertToLong()) {
        throw new IllegalStateException("PREDICT_DETAILS has no metadata.version: " + details);
      }
      return version.asLong();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("PREDICT_DETAILS is not JSON: " + details, e);
    }
  }
}
