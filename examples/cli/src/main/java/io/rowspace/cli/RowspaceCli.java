package io.rowspace.cli;

import io.rowspace.report.HtmlReport;
import io.rowspace.report.SpaceFacts;
import io.rowspace.server.RowspaceServer;
import io.rowspace.server.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * The {@code rowspace} command: {@code demo}, {@code sql}, {@code serve}, {@code user},
 * {@code import}, {@code report} and {@code help}.
 *
 * <p>Exit codes: 0 success, 1 a statement, the connection or a file failed (after
 * {@code error: [SQLSTATE] message} on standard error), 2 the command line was wrong (after the
 * usage on standard error).
 */
public final class RowspaceCli {
  /** The database used when a command is given no URL. */
  public static final String DEFAULT_URL = "jdbc:rowspace:";

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT = String.join("\n",
      "Usage: rowspace <command> [arguments]",
      "",
      "Commands:",
      "  demo [URL]                       credit-risk walk-through on a bundled data set",
      "                                   (default URL " + CreditDemo.DEFAULT_URL + ")",
      "  sql [URL] [--user NAME] [-f FILE]... [-e SQL]... [--format table|csv|json]",
      "                                   interactive SQL shell, or run a script from -f/-e or",
      "                                   standard input; stops at the first error (exit 1);",
      "                                   --user's password comes from ROWSPACE_PASSWORD or a prompt",
      "  serve [URL] [--host 127.0.0.1] [--port 8765] [--users FILE]",
      "        [--tls-keystore FILE] [--tls-password PASSWORD] [--serialization protobuf|json]",
      "                                   serve the database to BI tools and remote clients",
      "                                   (jdbc:rowspace:remote:http://host:port); listens on the",
      "                                   loopback unless --host says otherwise, which needs",
      "                                   --users; HTTPS with a keystore (password also from",
      "                                   ROWSPACE_TLS_PASSWORD)",
      "  user add NAME --role read|write|admin [--file FILE]",
      "                                   add a user to a users file (default "
          + UserCommand.DEFAULT_FILE + "),",
      "                                   password from ROWSPACE_PASSWORD or a prompt, stored hashed",
      "  import URL TABLE FILE.csv [--delimiter D] [--quote Q] [--null TOKEN]... [--types col=TYPE,...]",
      "                                   create TABLE if needed and fill it from a CSV file",
      "                                   with a header row: detects the delimiter (comma,",
      "                                   semicolon, tab, pipe), infers column types, sets the",
      "                                   few cells that do not read to NULL and ends with a",
      "                                   summary per column",
      "  report SPACE [URL] [-o FILE.html] [--color-by COLUMN]",
      "                                   a self-contained HTML page about a space: training",
      "                                   timeline, mutual information, 3-D view coloured by a",
      "                                   root-table column (default: the first predictor's",
      "                                   target), columns (default file SPACE.html)",
      "  help                             this text",
      "",
      "URL defaults to " + DEFAULT_URL + " (embedded database ./rowspace-data/rowspace).",
      "Other URLs: jdbc:rowspace:h2:<h2 url>, jdbc:rowspace:postgresql://host/db,",
      "jdbc:rowspace:remote:http://host:port, or any plain JDBC URL.");

  private RowspaceCli() {
  }

  public static void main(String[] args) {
    System.exit(run(args, StandardStreams.system()));
  }

  /** Runs the command in {@code args} on {@code streams} and returns its exit code. */
  public static int run(String[] args, StandardStreams streams) {
    if (args.length == 0) {
      return usageError(streams, "No command given.");
    }
    List<String> rest = List.of(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "help":
        case "-h":
        case "--help":
          streams.out().println(USAGE_TEXT);
          return OK;
        case "demo":
          return demo(rest, streams);
        case "sql":
          return sql(SqlCommand.parse(rest), streams);
        case "serve":
          return serve(ServeCommand.parse(rest, System.getenv()), streams);
        case "user":
          return UserCommand.parse(rest).run(streams, System.getenv());
        case "import":
          return importCsv(rest, streams);
        case "report":
          return report(rest, streams);
        default:
          return usageError(streams, "Unknown command '" + args[0] + "'.");
      }
    } catch (IllegalArgumentException e) {
      return usageError(streams, e.getMessage());
    }
  }

  private static int demo(List<String> args, StandardStreams streams) {
    if (args.size() > 1) {
      throw new IllegalArgumentException("demo takes at most one argument, a URL.");
    }
    String url = args.isEmpty() ? CreditDemo.DEFAULT_URL : args.get(0);
    boolean terminal = streams.outIsTerminal() && streams.errIsTerminal();
    try {
      new CreditDemo(streams.out(), streams.err(), terminal).run(url);
      return OK;
    } catch (SQLException | RuntimeException e) {
      return failed(streams, StatementRunner.errorLine(e));
    } catch (IOException e) {
      return failed(streams, "error: " + e.getMessage());
    }
  }

  private static int sql(SqlCommand command, StandardStreams streams) {
    List<String> script = new ArrayList<>();
    boolean interactive = command.sources().isEmpty() && streams.inIsTerminal();
    try {
      if (command.sources().isEmpty() && !interactive) {
        script.add(read(streams.in()));
      }
      for (SqlCommand.Source source : command.sources()) {
        script.add(source.isFile()
            ? Files.readString(Path.of(source.text()), StandardCharsets.UTF_8)
            : source.text());
      }
    } catch (IOException e) {
      return failed(streams, "error: cannot read " + e.getMessage());
    }
    Properties credentials;
    try {
      credentials = Credentials.of(command.user(), System::getenv, System.console());
    } catch (IllegalStateException e) {
      return failed(streams, "error: " + e.getMessage());
    }
    try (Connection connection = DriverManager.getConnection(command.url(), credentials)) {
      StatementRunner runner = new StatementRunner(connection, command.format(), streams);
      if (interactive) {
        return new InteractiveShell(connection, runner, command.url()).run();
      }
      List<String> statements = new ArrayList<>();
      for (String text : script) {
        statements.addAll(SqlScript.statementsOf(text));
      }
      return runner.runAll(statements) ? OK : FAILED;
    } catch (SQLException | RuntimeException e) {
      return failed(streams, StatementRunner.errorLine(e));
    } catch (IOException e) {
      return failed(streams, "error: terminal: " + e.getMessage());
    }
  }

  private static int importCsv(List<String> args, StandardStreams streams) {
    ImportCommand command = ImportCommand.parse(args);
    Path csv = command.file();
    if (!Files.isReadable(csv)) {
      return failed(streams, "error: cannot read " + csv + ": no such readable file.");
    }
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(command.url())) {
      ProgressBar progress = new ProgressBar(streams.err(), streams.errIsTerminal());
      CsvImporter.Outcome outcome;
      try {
        outcome = new CsvImporter(connection, progress).importFile(command.table(), csv,
            command.delimiter(), command.quote(), command.nullTokens(), command.typeOverrides());
      } finally {
        progress.finish();
      }
      if (outcome.created()) {
        streams.out().println(outcome.createStatement());
      }
      streams.out().println(StatementRunner.rows(outcome.rows()) + " imported into "
          + outcome.table() + " (" + StatementRunner.seconds(start) + ")");
      ImportSummary.print(outcome, streams.out());
      return OK;
    } catch (SQLException e) {
      return failed(streams, StatementRunner.errorLine(e));
    } catch (IOException e) {
      return failed(streams, "error: cannot read " + csv + ": " + e.getMessage());
    }
  }

  private static int report(List<String> args, StandardStreams streams) {
    List<String> positional = new ArrayList<>();
    Path file = null;
    String colorBy = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-o")) {
        if (i + 1 == args.size()) {
          throw new IllegalArgumentException("-o needs a file name.");
        }
        file = Path.of(args.get(++i));
      } else if (args.get(i).equals("--color-by") || args.get(i).equals("--colour-by")) {
        if (i + 1 == args.size()) {
          throw new IllegalArgumentException("--color-by needs a column of the space's root table.");
        }
        colorBy = args.get(++i);
      } else if (args.get(i).startsWith("-")) {
        throw new IllegalArgumentException("Unknown option '" + args.get(i) + "' for report; "
            + "options are -o FILE.html and --color-by COLUMN.");
      } else {
        positional.add(args.get(i));
      }
    }
    if (positional.isEmpty() || positional.size() > 2) {
      throw new IllegalArgumentException("report needs a space name and at most a URL: "
          + "report SPACE [URL] [-o FILE.html] [--color-by COLUMN]");
    }
    String space = positional.get(0);
    String url = positional.size() == 2 ? positional.get(1) : DEFAULT_URL;
    Path target = file != null ? file : Path.of(space + ".html");
    try (Connection connection = DriverManager.getConnection(url)) {
      SpaceFacts facts = SpaceFacts.read(connection, space, colorBy);
      Files.writeString(target, HtmlReport.render(facts), StandardCharsets.UTF_8);
      streams.err().println("rowspace: report on " + facts.name() + " written to " + target
          + " (" + facts.epochs().size() + " epochs, " + facts.columns().size() + " columns, "
          + facts.points().size() + " rows drawn, coloured by "
          + (facts.colorBy() == null ? "anomaly score" : facts.colorBy()) + ").");
      return OK;
    } catch (SQLException e) {
      return failed(streams, StatementRunner.errorLine(e));
    } catch (IOException e) {
      return failed(streams, "error: cannot write " + target + ": " + e.getMessage());
    }
  }

  private static int serve(ServerOptions options, StandardStreams streams) {
    try (RowspaceServer server = RowspaceServer.start(options)) {
      streams.err().println("rowspace: serving " + options.url() + "; connect with "
          + server.clientUrl() + (options.serialization() == Serialization.JSON
          ? ";serialization=json" : "") + (options.users() == null
          ? " (clients of this machine, no password, role write)"
          : " (users of " + options.users() + ")") + ". Stop with Ctrl-C.");
      streams.err().flush();
      server.join();
      return OK;
    } catch (SQLException e) {
      return failed(streams, StatementRunner.errorLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OK;
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static int failed(StandardStreams streams, String line) {
    streams.err().println(line);
    streams.err().flush();
    return FAILED;
  }

  private static int usageError(StandardStreams streams, String problem) {
    streams.err().println("rowspace: " + problem);
    streams.err().println(USAGE_TEXT);
    streams.err().flush();
    return USAGE;
  }
}
