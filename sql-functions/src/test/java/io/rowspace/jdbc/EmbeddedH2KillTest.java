package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.sql.backing.DurableH2Settings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence for the H2 version and {@link DurableH2Settings} Rowspace uses, with H2 alone (no
 * Rowspace code runs in the killed process): a child JVM commits small rows and rewrites large
 * binary values (as model weights are rewritten, which fragments the file), idles now and then,
 * and is killed ({@code destroyForcibly}, i.e. {@code kill -9}) shortly after a commit. Three
 * later processes then open the file in turn: each must see every row whose commit returned and
 * every row the previous ones committed before closing cleanly.
 *
 * <p>To see the failure it guards against, run it against an older setting or version:
 * {@code -Drowspace.h2kill.settings=} (H2's default write delay) or
 * {@code -Drowspace.h2kill.jar=.../h2-2.5.252.jar}; see {@code docs/h2-durability.md}.
 */
@Tag("slow")
class EmbeddedH2KillTest {
  private static final int CYCLES = 4;
  private static final int OPENS_PER_CYCLE = 3;

  @TempDir
  Path folder;

  @Test
  void everyCommittedRowSurvivesKillNineAndLaterOpens() throws Exception {
    String settings = System.getProperty("rowspace.h2kill.settings");
    String base = "jdbc:h2:" + folder.resolve("kill").toAbsolutePath();
    String url = settings == null ? DurableH2Settings.apply(base) : base + settings;
    Random random = new Random(Long.getLong("rowspace.h2kill.seed", 17));
    assertEquals("ready", last(child("create", url)), "the table is created");
    int committed = 0;
    int checks = 0;
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      committed = Math.max(committed, writeUntilKilled(url, random));
      for (int open = 1; open <= OPENS_PER_CYCLE; open++) {
        String seen = last(child("check", url, Integer.toString(committed),
            Integer.toString(checks)));
        assertEquals("OK", seen, "cycle " + cycle + ", open " + open + " after kill -9 (url "
            + url + ")");
        checks++;
      }
    }
    assertTrue(committed > CYCLES, "the writer committed rows before it was killed");
  }

  /** Starts a writer, kills it soon after one of its commits, returns the last commit it saw. */
  private int writeUntilKilled(String url, Random random) throws Exception {
    Process writer = start("write", url, Long.toString(random.nextLong()));
    int killAfter = 1 + random.nextInt(4);
    int committed = 0;
    int seenCommits = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          committed = Integer.parseInt(line.substring("committed ".length()));
          if (++seenCommits == killAfter) {
            // Within H2's default write delay of the commit that just returned.
            Thread.sleep(random.nextInt(150));
            break;
          }
        }
      }
      writer.destroyForcibly();
      assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the writer is killed");
    }
    return committed;
  }

  private static Process start(String... arguments) throws IOException {
    String jar = System.getProperty("rowspace.h2kill.jar");
    String classPath = jar == null ? System.getProperty("java.class.path")
        : Path.of(EmbeddedH2KillTest.class.getProtectionDomain().getCodeSource().getLocation()
            .getPath()) + File.pathSeparator + jar;
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
        "bin", "java").toString(), "-cp", classPath, H2Writer.class.getName()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static List<String> child(String... arguments) throws Exception {
    Process process = start(arguments);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
    return List.of(output.strip().split("\n"));
  }

  private static String last(List<String> lines) {
    String line = lines.get(lines.size() - 1);
    return line.startsWith("OK") || line.equals("ready") ? line : String.join("\n", lines);
  }

  /** The child JVM: plain H2 over JDBC, nothing of Rowspace. */
  public static final class H2Writer {
    private H2Writer() {
    }

    public static void main(String[] args) throws Exception {
      switch (args[0]) {
      case "create":
        create(args[1]);
        break;
      case "write":
        write(args[1], Long.parseLong(args[2]));
        break;
      default:
        check(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      }
    }

    private static void create(String url) throws SQLException {
      try (Connection connection = DriverManager.getConnection(url);
           Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE committed_rows (id INTEGER PRIMARY KEY)");
        statement.execute("CREATE TABLE weights (name VARCHAR(16) PRIMARY KEY, "
            + "sha VARCHAR(64), bytes VARBINARY(1000000))");
        statement.execute("CREATE TABLE later_opens (n INTEGER PRIMARY KEY)");
      }
      System.out.println("ready");
    }

    /** Commits rows until killed; every so often rewrites a large value or idles. */
    private static void write(String url, long seed) throws Exception {
      Random random = new Random(seed);
      try (Connection connection = DriverManager.getConnection(url);
           Statement statement = connection.createStatement();
           PreparedStatement row = connection.prepareStatement(
               "INSERT INTO committed_rows VALUES (?)");
           PreparedStatement weights = connection.prepareStatement(
               "MERGE INTO weights KEY (name) VALUES (?, ?, ?)")) {
        int id;
        try (ResultSet rs = statement.executeQuery(
            "SELECT COALESCE(MAX(id), 0) FROM committed_rows")) {
          rs.next();
          id = rs.getInt(1);
        }
        connection.setAutoCommit(false);
        while (true) {
          id++;
          if (random.nextInt(3) == 0) {
            byte[] bytes = new byte[100_000 + random.nextInt(300_000)];
            random.nextBytes(bytes);
            weights.setString(1, "model" + random.nextInt(4));
            weights.setString(2, sha256(bytes));
            weights.setBytes(3, bytes);
            weights.executeUpdate();
          }
          row.setInt(1, id);
          row.executeUpdate();
          connection.commit();
          System.out.println("committed " + id);
          System.out.flush();
          Thread.sleep(random.nextInt(8) == 0 ? 500 + random.nextInt(1000) : random.nextInt(50));
        }
      }
    }

    /** Prints OK if every committed row is there, then commits one more row and closes. */
    private static void check(String url, int committed, int earlierOpens) {
      try (Connection connection = DriverManager.getConnection(url);
           Statement statement = connection.createStatement()) {
        try (ResultSet rs = statement.executeQuery(
            "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM committed_rows")) {
          rs.next();
          if (rs.getInt(1) < committed || rs.getInt(2) != rs.getInt(1)) {
            System.out.println("LOST: committed rows 1.." + committed + ", found " + rs.getInt(2)
                + " up to " + rs.getInt(1));
            return;
          }
        }
        try (ResultSet rs = statement.executeQuery("SELECT name, sha, bytes FROM weights")) {
          while (rs.next()) {
            if (!sha256(rs.getBytes(3)).equals(rs.getString(2))) {
              System.out.println("DAMAGED: value " + rs.getString(1) + " does not match its hash");
              return;
            }
          }
        }
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM later_opens")) {
          rs.next();
          if (rs.getInt(1) != earlierOpens) {
            System.out.println("LOST: " + earlierOpens + " rows committed by earlier clean "
                + "opens, found " + rs.getInt(1));
            return;
          }
        }
        statement.execute("INSERT INTO later_opens VALUES (" + (earlierOpens + 1) + ")");
        System.out.println("OK");
      } catch (SQLException e) {
        System.out.println("ERROR: " + e.getMessage().lines().findFirst().orElse(""));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
  }
}
