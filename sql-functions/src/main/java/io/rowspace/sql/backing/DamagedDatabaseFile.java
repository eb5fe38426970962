package io.rowspace.sql.backing;

import io.rowspace.error.ErrorCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * An embedded H2 database file that H2 reports damaged when it opens it: the error Rowspace
 * gives instead (SQLSTATE {@code XX001}, data corrupted), naming the file and the ways back to the
 * data, so that nobody takes "File corrupted while reading record" as the end of the story.
 *
 * <p>H2 tells a damaged file apart with its error code 90030 ({@code FILE_CORRUPTED_1}) or an
 * MVStore error ("File corrupted", or a chunk its own map names missing from the file); a file it
 * can open is not second-guessed here.
 */
public final class DamagedDatabaseFile {
  /** H2's {@code ErrorCode.FILE_CORRUPTED_1}. */
  private static final int H2_FILE_CORRUPTED = 90030;
  private static final String H2 = "jdbc:h2:";
  /**
   * An MVStore error H2 wraps in a general error: {@code [2.5.250/6]} file corrupted,
   * {@code [2.5.250/9]} a chunk the file's own map names is not in the file.
   */
  private static final Pattern MVSTORE_DAMAGE =
      Pattern.compile("File corrupted|\\[\\d+\\.\\d+\\.\\d+/(6|9)]");

  private DamagedDatabaseFile() {
  }

  /**
   * Opens an embedded H2 file with H2 itself before Rowspace's pool is asked for a connection, so
   * that a damaged file is reported at once (the pool would retry for its connection timeout
   * first) and as what it is. While the database is open in this JVM this is one more H2 session,
   * not a second open. Any other failure is left for the pool to report as before.
   *
   * @throws SQLException with SQLSTATE {@code XX001} if H2 says the file is damaged
   */
  static void check(String jdbcUrl, Properties info) throws SQLException {
    if (!DurableH2Settings.isEmbeddedFile(jdbcUrl)) {
      return;
    }
    Properties credentials = new Properties();
    for (String key : new String[] {"user", "password"}) {
      if (info.getProperty(key) != null) {
        credentials.setProperty(key, info.getProperty(key));
      }
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials)) {
      connection.getMetaData();
    } catch (SQLException e) {
      Optional<SQLException> damaged = explain(jdbcUrl, e);
      if (damaged.isPresent()) {
        throw damaged.get();
      }
    }
  }

  /**
   * Returns the error to report if {@code failure}, from opening {@code jdbcUrl}, says the file
   * is damaged.
   */
  public static Optional<SQLException> explain(String jdbcUrl, SQLException failure) {
    if (!DurableH2Settings.isEmbeddedFile(jdbcUrl) || !saysCorrupted(failure)) {
      return Optional.empty();
    }
    String database = jdbcUrl.substring(H2.length()).split(";", 2)[0];
    if (database.toLowerCase(Locale.ROOT).startsWith("file:")) {
      database = database.substring("file:".length());
    }
    Path path = Path.of(database.startsWith("~")
        ? System.getProperty("user.home") + database.substring(1) : database).toAbsolutePath();
    String name = path.getFileName().toString();
    String folder = path.getParent() == null ? "." : path.getParent().toString();
    String h2Jar = "h2-" + org.h2.engine.Constants.VERSION_MAJOR + "."
        + org.h2.engine.Constants.VERSION_MINOR + "." + org.h2.engine.Constants.BUILD_ID + ".jar";
    SQLException damaged = ErrorCode.DAMAGED_DATABASE_FILE.exception(failure, path,
        corruptionMessage(failure), h2Jar, folder, name);
    return Optional.of(damaged);
  }

  private static boolean saysCorrupted(Throwable failure) {
    return corruptionMessage(failure) != null;
  }

  /** The first line of H2's message that says the file is damaged, or null. */
  private static String corruptionMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      boolean corrupted = t instanceof SQLException sql
          && sql.getErrorCode() == H2_FILE_CORRUPTED;
      if (corrupted || message != null && MVSTORE_DAMAGE.matcher(message).find()) {
        String line = message == null ? "File corrupted" : message.lines().findFirst().orElse("");
        int statement = line.indexOf("; SQL statement");
        return statement < 0 ? line : line.substring(0, statement);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
