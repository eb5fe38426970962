package io.rowspace.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The process {@link KillLoopBenchmark} kills: over a Rowspace URL it commits a user row, then
 * runs one model statement, and again, until it is killed. It tells its parent on standard output
 * what is durable: {@code row N} once the row's commit has returned, {@code start KIND NAME} before
 * a statement and {@code done KIND NAME} once it has returned.
 *
 * <p>Predictors are trained on the space {@code birds_base}, which no statement here replaces, so
 * that every predictor stays usable; the replaced and refreshed spaces have no predictors.
 */
public final class KillLoopWorkload {
  /** The statements killed: what each cycle reports. */
  enum Kind { CREATE, REPLACE, REFRESH, PREDICTOR }

  static final String BASE_SPACE = "birds_base";
  static final List<String> REPLACED_SPACES = List.of("birds_a", "birds_b");
  static final List<String> PREDICTORS = List.of("species_p0", "species_p1");
  private static final String SPACE_OPTIONS = "WITH (epochs = 1, d_model = 16, batch_size = 64)";

  private KillLoopWorkload() {
  }

  /**
   * Runs until killed.
   *
   * @param args the Rowspace URL, a random seed, the first user row id to commit
   */
  public static void main(String[] args) throws SQLException, InterruptedException {
    String url = args[0];
    Random random = new Random(Long.parseLong(args[1]));
    int rowId = Integer.parseInt(args[2]);
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement();
         PreparedStatement ledger = connection.prepareStatement(
             "INSERT INTO ledger (id, note) VALUES (?, ?)")) {
      int created = 0;
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM ROWSPACE.EMBEDDING_SPACES "
          + "WHERE name LIKE 'BIRDS_NEW%'")) {
        rs.next();
        created = rs.getInt(1);
      }
      say("ready");
      while (true) {
        ledger.setInt(1, rowId);
        ledger.setString(2, "row " + rowId + " committed before a model statement");
        ledger.executeUpdate();
        say("row " + rowId);
        rowId++;
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        String name;
        String sql;
        switch (kind) {
        case CREATE:
          name = "birds_new" + created + "_" + Long.toHexString(random.nextLong() & 0xffff);
          created++;
          sql = "CREATE EMBEDDING SPACE " + name + " ON birds " + SPACE_OPTIONS;
          break;
        case REPLACE:
          name = REPLACED_SPACES.get(random.nextInt(REPLACED_SPACES.size()));
          sql = "CREATE OR REPLACE EMBEDDING SPACE " + name + " ON birds " + SPACE_OPTIONS;
          break;
        case REFRESH:
          name = REPLACED_SPACES.get(random.nextInt(REPLACED_SPACES.size()));
          sql = "REFRESH EMBEDDING SPACE " + name;
          break;
        default:
          name = PREDICTORS.get(random.nextInt(PREDICTORS.size()));
          sql = "CREATE OR REPLACE PREDICTOR " + name + " ON " + BASE_SPACE
              + " TARGET species WITH (epochs = 1)";
        }
        say("start " + kind + " " + name.toUpperCase(Locale.ROOT));
        statement.executeUpdate(sql);
        say("done " + kind + " " + name.toUpperCase(Locale.ROOT));
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
