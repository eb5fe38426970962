package io.rowspace.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive SQL shell of {@code rowspace sql}: line editing, history in
 * {@code ~/.rowspace_history}, completion of SQL and Rowspace words, of the database's table and
 * column names and of predictor and space names inside Rowspace functions
 * ({@link RowspaceCompleter}), statements that end with {@code ;} and may span lines, progress
 * bars as wide as the terminal. An error is shown and
 * the shell goes on; Ctrl-C cancels the running statement (or clears the line), Ctrl-D or
 * {@code quit} leaves.
 */
final class InteractiveShell {
  private static final String PROMPT = "rowspace> ";
  private static final String CONTINUATION = "      ... ";

  private final Connection connection;
  private final StatementRunner runner;
  private final String url;

  InteractiveShell(Connection connection, StatementRunner runner, String url) {
    this.connection = connection;
    this.runner = runner;
    this.url = url;
  }

  /** Reads and runs statements until the user leaves; returns the exit code (0). */
  int run() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .appName("rowspace")
          .terminal(terminal)
          .parser(new SqlLineParser())
          .history(new DefaultHistory())
          .completer(new RowspaceCompleter(connection))
          .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".rowspace_history"))
          .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
          .option(LineReader.Option.CASE_INSENSITIVE, true)
          // "!" is an operator in SQL, not a history reference.
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .build();
      terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
      runner.showProgressWithin(() -> terminal.getSize().getColumns());
      terminal.writer().println("Connected to " + url + ". End statements with ';'. "
          + "Type 'help' for help, 'quit' to leave.");
      terminal.flush();
      while (true) {
        String input;
        try {
          input = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          reader.getHistory().save();
          return 0;
        }
        if (SqlLineParser.isShellCommand(input)) {
          String command = input.strip().replace(";", "");
          if (command.equalsIgnoreCase("help") || command.equals("\\h")) {
            terminal.writer().println(help());
            terminal.flush();
            continue;
          }
          reader.getHistory().save();
          return 0;
        }
        for (String sql : SqlScript.statementsOf(input)) {
          try {
            runner.execute(sql);
          } catch (SQLException | RuntimeException e) {
            runner.reportError(e);
          }
        }
      }
    }
  }

  private static String help() {
    return String.join("\n",
        "Statements end with ';' and may span several lines. Tab completes words, and",
        "predictor and space names after PREDICT(' or SIMILAR_ROWS(' and the like.",
        "Rowspace statements:",
        "  CREATE EMBEDDING SPACE name ON table [WITH (option = value, ...)];",
        "  CREATE PREDICTOR name ON EMBEDDING SPACE space TARGET column;",
        "  SHOW EMBEDDING SPACES;  SHOW PREDICTORS;  DESCRIBE EMBEDDING SPACE name;",
        "  SELECT PREDICT('predictor'), PREDICT_PROBA('predictor') FROM table;",
        "  SELECT * FROM TABLE(SIMILAR_ROWS('space', key, k));",
        "Ctrl-C cancels a running statement; 'quit' or Ctrl-D leaves.");
  }
}
