package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Beside a model call, a column the result returns unchanged gives H2's own text and object (its
 * {@code TRUE}, its spelling of a double, a timestamp to the nanosecond), and a column the model
 * reads without the result returning it gives the model the same values: the database's own
 * values are kept only for returned columns, whichever statement over the same rows was
 * prepared first.
 */
class PassedThroughValuesTest {
  private static final String URL = "jdbc:rowspace:h2:mem:passed_through;DB_CLOSE_DELAY=-1";
  private static final String SCORES = "SELECT id, ANOMALY_SCORE('reading_space') AS a "
      + "FROM readings ORDER BY id";
  private static final String RETURNED = "SELECT id, ok, taken, level, "
      + "ANOMALY_SCORE('reading_space') AS a FROM readings ORDER BY id";
  private static Connection connection;

  @BeforeAll
  static void readings() throws SQLException {
    connection = DriverManager.getConnection(URL);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE readings (id INT PRIMARY KEY, level DOUBLE PRECISION, "
          + "ok BOOLEAN, taken TIMESTAMP(9))");
      statement.execute("INSERT INTO readings SELECT x, x * 1.0E20 / 7, MOD(x, 3) = 0, "
          + "TIMESTAMP '2024-01-02 03:04:05.123456789' + x * INTERVAL '1' MINUTE "
          + "FROM SYSTEM_RANGE(1, 80)");
      statement.execute("CREATE EMBEDDING SPACE reading_space ON readings "
          + "INCLUDE NO RELATED TABLES WITH (epochs = 1, d_model = 16, seed = 3)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP ALL OBJECTS");
    }
    connection.close();
  }

  @Test
  void returnedColumnsGiveTheDatabasesValuesWhateverWasPreparedFirst() throws SQLException {
    try (PreparedStatement scores = connection.prepareStatement(SCORES);
         PreparedStatement returned = connection.prepareStatement(RETURNED)) {
      List<String> first = rows(scores, 2);
      List<String> withColumns = rows(returned, 5);
      List<String> database = plainRows();
      assertEquals(80, withColumns.size());
      for (int i = 0; i < withColumns.size(); i++) {
        String[] row = withColumns.get(i).split(" \\| ");
        assertEquals(database.get(i), String.join(" | ", row[0], row[1], row[2], row[3]),
            "H2's own text of the columns returned beside the model call");
        assertEquals(first.get(i), row[0] + " | " + row[4],
            "the model reads the same values whether or not they are returned");
      }
      assertTrue(withColumns.get(2).contains(" | TRUE | 2024-01-02 03:07:05.123456789 | "),
          withColumns.get(2));
      assertEquals(first, rows(scores, 2), "the statement prepared first, executed again");
    }
  }

  /** Every row's values as text, joined. */
  private static List<String> rows(PreparedStatement statement, int columns)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          values.add(rs.getString(c));
        }
        if (columns == 5) {
          assertEquals(java.sql.Timestamp.class, rs.getObject(3).getClass());
          assertEquals(789, rs.getTimestamp(3).getNanos() % 1000, "nanoseconds kept");
        }
        rows.add(String.join(" | ", values));
      }
    }
    return rows;
  }

  /** The same columns read from H2 without a model call. */
  private static List<String> plainRows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection plain = DriverManager.getConnection("jdbc:h2:mem:passed_through");
         Statement statement = plain.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, ok, taken, level FROM readings ORDER BY id")) {
      while (rs.next()) {
        rows.add(String.join(" | ", rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4)));
      }
    }
    return rows;
  }
}
