package io.rowspace.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * The process {@link KillLoopBenchmark} kills: over a Rowspace URL it commits a user row, then
 * runs one model statement, and again, until it is killed. It tells its parent on standard output
 * what is durable: {@code row N} once the row's commit has returned, {@code start KIND NAME} before
 * a statement and {@code done KIND NAME} once it has returned ({@code resumed KIND NAME} when the
 * statement said it resumed from a checkpoint).
 *
 * <p>Training saves a checkpoint after every epoch ({@code rowspace.checkpointSeconds = 0}), so
 * kills also land in checkpoint writes. Given the statement the previous process was killed in,
 * it runs that statement first, as a user would after a crash, and it resumes.
 *
 * <p>Predictors are trained on the space {@code birds_base}, which no statement here replaces, so
 * that every predictor stays usable; the replaced and refreshed spaces have no predictors.
 *
 * <p>With {@code --warm-up} it runs each kind of statement once and exits normally: the benchmark
 * uses that run to write the class-data archive the killed processes start from.
 */
public final class KillLoopWorkload {
  /** The statements killed: what each cycle reports. */
  enum Kind { CREATE, REPLACE, REFRESH, PREDICTOR }

  static final String BASE_SPACE = "birds_base";
  static final List<String> REPLACED_SPACES = List.of("birds_a", "birds_b");
  static final List<String> PREDICTORS = List.of("species_p0", "species_p1");
  static final String SPACE_OPTIONS = "WITH (epochs = 2, d_model = 16, batch_size = 64)";
  static final String PREDICTOR_OPTIONS = "WITH (epochs = 3)";

  private KillLoopWorkload() {
  }

  /**
   * Runs until killed.
   *
   * @param args the Rowspace URL, a random seed, the first user row id to commit, and
   *     optionally the statement ({@code KIND NAME}) the previous process was killed in, or
   *     {@code --warm-up}
   */
  public static void main(String[] args) throws SQLException {
    String url = args[0];
    Random random = new Random(Long.parseLong(args[1]));
    int rowId = Integer.parseInt(args[2]);
    String rerun = args.length > 3 ? args[3] : null;
    boolean warmUp = "--warm-up".equals(rerun);
    Properties settings = new Properties();
    settings.setProperty("rowspace.checkpointSeconds", "0");
    try (Connection connection = DriverManager.getConnection(url, settings);
         Statement statement = connection.createStatement();
         PreparedStatement ledger = connection.prepareStatement(
             "INSERT INTO ledger (id, note) VALUES (?, ?)")) {
      say("ready");
      for (int n = 0; !warmUp || n < Kind.values().length; n++) {
        ledger.setInt(1, rowId);
        ledger.setString(2, "row " + rowId + " committed before a model statement");
        ledger.executeUpdate();
        say("row " + rowId);
        rowId++;
        Kind kind;
        String name;
        if (warmUp) {
          kind = Kind.values()[n];
          name = name(kind, random, rowId);
        } else if (rerun != null && !rerun.isEmpty() && !rerun.startsWith("-")) {
          kind = Kind.valueOf(rerun.split(" ")[0]);
          name = rerun.split(" ")[1];
          rerun = null;
        } else {
          kind = Kind.values()[random.nextInt(Kind.values().length)];
          name = name(kind, random, rowId);
        }
        say("start " + kind + " " + name.toUpperCase(Locale.ROOT));
        statement.executeUpdate(sql(kind, name));
        boolean resumed = false;
        for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
          resumed |= String.valueOf(w.getMessage()).contains("resumed from the checkpoint");
        }
        say((resumed ? "resumed " : "done ") + kind + " " + name.toUpperCase(Locale.ROOT));
      }
    }
  }

  private static String name(Kind kind, Random random, int rowId) {
    return switch (kind) {
      case CREATE -> "birds_new" + rowId + "_" + Long.toHexString(random.nextLong() & 0xffff);
      case REPLACE, REFRESH -> REPLACED_SPACES.get(random.nextInt(REPLACED_SPACES.size()));
      case PREDICTOR -> PREDICTORS.get(random.nextInt(PREDICTORS.size()));
    };
  }

  /**
   * The statement of a kind for a model. A space created anew is created only if it does not
   * exist, so that running the statement again after a kill that came after its commit is not
   * an error.
   */
  static String sql(Kind kind, String name) {
    return switch (kind) {
      case CREATE -> "CREATE EMBEDDING SPACE IF NOT EXISTS " + name + " ON birds " + SPACE_OPTIONS;
      case REPLACE -> "CREATE OR REPLACE EMBEDDING SPACE " + name + " ON birds " + SPACE_OPTIONS;
      case REFRESH -> "REFRESH EMBEDDING SPACE " + name;
      case PREDICTOR -> "CREATE OR REPLACE PREDICTOR " + name + " ON " + BASE_SPACE
          + " TARGET species " + PREDICTOR_OPTIONS;
    };
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
