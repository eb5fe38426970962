package io.rowspace.jdbc;

import io.rowspace.testsupport.DataSets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real data sets of the repository ({@code datasets/}), loaded into a database through plain JDBC the
 * way a user would: the data set's own DDL, then batched inserts of its CSV rows.
 */
final class SharedDatasets {
  private SharedDatasets() {
  }

  /**
   * Creates {@code table} with the data set's columns plus {@code id INTEGER PRIMARY KEY}
   * (numbered from 1 in file order) and loads the CSV rows whose id satisfies {@code keep}.
   */
  static int load(Connection connection, String dataset, String csvTable, String table,
      java.util.function.IntPredicate keep) throws SQLException {
    DataSets.CsvTable csv = DataSets.csv(dataset, csvTable);
    List<String> header = csv.header();
    String columnsDdl = columnDefinitions(dataset, csvTable);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, " + columnsDdl
          + ")");
    }
    String insert = "INSERT INTO " + table + " (id, " + String.join(", ", header) + ") VALUES (?"
        + ", ?".repeat(header.size()) + ")";
    int loaded = 0;
    try (PreparedStatement ps = connection.prepareStatement(insert)) {
      for (int line = 1; line <= csv.rows().size(); line++) {
        if (!keep.test(line)) {
          continue;
        }
        List<String> fields = csv.rows().get(line - 1);
        ps.setInt(1, line);
        for (int i = 0; i < header.size(); i++) {
          if (fields.get(i).isEmpty()) {
            ps.setNull(i + 2, java.sql.Types.VARCHAR);
          } else {
            ps.setString(i + 2, fields.get(i));
          }
        }
        ps.addBatch();
        loaded++;
      }
      ps.executeBatch();
    }
    return loaded;
  }

  /** The column definitions of one CREATE TABLE in the data set's schema.sql. */
  /**
   * Loads penguins as table {@code penguins} with space {@code penguin_space} and predictor
   * {@code sp} of its species, trained briefly: the model the query-shape tests call.
   */
  static void trainPenguinSpecies(Connection connection, int predictorEpochs)
      throws SQLException {
    load(connection, "penguins", "penguins", "penguins", id -> true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE EMBEDDING SPACE penguin_space ON penguins WITH (epochs = 2)");
      statement.execute("CREATE PREDICTOR sp ON penguin_space TARGET species "
          + "WITH (epochs = " + predictorEpochs + ")");
    }
  }

  private static String columnDefinitions(String dataset, String csvTable) {
    String schema = DataSets.schema(dataset);
    int start = schema.indexOf("CREATE TABLE " + csvTable + " (");
    int open = schema.indexOf('(', start);
    int close = schema.indexOf(");", open);
    return Arrays.stream(schema.substring(open + 1, close).split("\n"))
        .map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("PRIMARY KEY")
            && !line.startsWith("FOREIGN KEY"))
        .map(line -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line)
        .collect(Collectors.joining(", "));
  }
}
