package io.rowspace.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.completer.StringsCompleter;

/**
 * Completes the interactive shell's words: inside a Rowspace function's quoted name argument
 * ({@code PREDICT('<TAB>}, {@code SIMILAR_ROWS('<TAB>}) and after the statements that name a
 * predictor or space ({@code DESCRIBE PREDICTOR <TAB>}, {@code ON EMBEDDING SPACE <TAB>}) the
 * names of the ready predictors or spaces, read from the catalog at each TAB so that models made
 * in this session are offered; elsewhere the {@link SqlVocabulary} words.
 */
final class RowspaceCompleter implements Completer {
  private static final Pattern PREDICTOR_ARGUMENT = Pattern.compile(
      "(?is).*\\b(PREDICT|PREDICT_PROBA|PREDICT_DETAILS)\\s*\\(\\s*'$");
  private static final Pattern SPACE_ARGUMENT = Pattern.compile(
      "(?is).*\\b(SIMILAR_ROWS|EMBEDDINGS|ANOMALY_SCORE)\\s*\\(\\s*'$");
  private static final Pattern PREDICTOR_STATEMENT = Pattern.compile(
      "(?is).*\\b(DESCRIBE|DROP|EVALUATE|ALTER)\\s+PREDICTOR\\s+(IF\\s+EXISTS\\s+)?$");
  private static final Pattern SPACE_STATEMENT = Pattern.compile(
      "(?is).*\\b(DESCRIBE|DROP|REFRESH|ALTER|ON)\\s+EMBEDDING\\s+SPACE\\s+(IF\\s+EXISTS\\s+)?$");

  private final Connection connection;
  private final StringsCompleter words;

  RowspaceCompleter(Connection connection) {
    this.connection = connection;
    this.words = new StringsCompleter(SqlVocabulary.words(connection));
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String before = line.line().substring(0, line.cursor() - line.wordCursor());
    boolean quoted = before.endsWith("'");
    String names = namesFor(before);
    if (names == null) {
      words.complete(reader, line, candidates);
      return;
    }
    String group = names.equals("PREDICTORS") ? "predictors" : "embedding spaces";
    for (String name : catalogNames(names)) {
      // Inside quotes the name is closed by its quote; a statement's name is followed by a space.
      candidates.add(new Candidate(quoted ? name + "'" : name, name, group, null, null, null,
          !quoted));
    }
  }

  /** The catalog view whose names fit the text before the word, or null for plain words. */
  static String namesFor(String before) {
    if (PREDICTOR_ARGUMENT.matcher(before).matches()
        || PREDICTOR_STATEMENT.matcher(before).matches()) {
      return "PREDICTORS";
    }
    if (SPACE_ARGUMENT.matcher(before).matches() || SPACE_STATEMENT.matcher(before).matches()) {
      return "EMBEDDING_SPACES";
    }
    return null;
  }

  private List<String> catalogNames(String view) {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT name FROM ROWSPACE." + view
             + " WHERE status = 'READY' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      // A database without the Rowspace catalog has no names to offer.
    }
    return names;
  }
}
