package io.rowspace.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Executes SQL statements on one connection and shows what they return: result sets in the
 * chosen {@link OutputFormat}, update counts with timings, SQL warnings as {@code warning: ...}
 * on standard error, progress of long statements, and a message before the first statement of
 * the run that uses a model ({@link ModelLoading}).
 *
 * <p>In the CSV and JSON formats standard output carries only result rows; everything else goes
 * to standard error so that scripts can parse the output.
 */
final class StatementRunner {
  private final Connection connection;
  private final OutputFormat format;
  private final StandardStreams streams;
  private final ResultPrinter printer;
  private final PrintStream messages;
  private volatile Statement running;
  private IntSupplier terminalWidth = TerminalWidth::ofStandardError;

  StatementRunner(Connection connection, OutputFormat format, StandardStreams streams) {
    this.connection = connection;
    this.format = format;
    this.streams = streams;
    this.printer = format.printer(streams.out());
    this.messages = format.isMachineReadable() ? streams.err() : streams.out();
  }

  /** Draws progress bars as wide as {@code width} says, e.g. the line reader's terminal. */
  void showProgressWithin(IntSupplier width) {
    this.terminalWidth = width;
  }

  /**
   * Runs {@code statements} in order and stops at the first that fails, after writing
   * {@code error: [SQLSTATE] message} to standard error.
   *
   * @return whether every statement succeeded
   */
  boolean runAll(List<String> statements) {
    for (String sql : statements) {
      try {
        execute(sql);
      } catch (SQLException | RuntimeException e) {
        reportError(e);
        return false;
      }
    }
    return true;
  }

  /** Executes one statement (without its terminating semicolon) and shows its results. */
  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      ProgressBar progress = new ProgressBar(streams.err(), streams.errIsTerminal(), terminalWidth);
      if (StatementProgress.attach(statement, progress) && ModelLoading.isFirst(sql)) {
        streams.err().println(ModelLoading.MESSAGE);
        streams.err().flush();
      }
      long start = System.nanoTime();
      running = statement;
      boolean isResultSet;
      try {
        isResultSet = statement.execute(sql);
      } finally {
        running = null;
        progress.finish();
      }
      int warningsShown = printWarnings(statement.getWarnings(), 0);
      while (true) {
        if (isResultSet) {
          try (ResultSet rs = statement.getResultSet()) {
            long rows = printer.print(rs);
            printWarnings(rs.getWarnings(), 0);
            if (!format.isMachineReadable()) {
              messages.println("(" + rows(rows) + ", " + seconds(start) + ")");
            }
          }
        } else {
          int count = statement.getUpdateCount();
          if (count < 0) {
            break;
          }
          messages.println("OK, " + rows(count) + " affected (" + seconds(start) + ")");
        }
        isResultSet = statement.getMoreResults();
      }
      printWarnings(statement.getWarnings(), warningsShown);
      messages.flush();
    }
  }

  /** Asks the driver to stop the statement being executed, if any (e.g. on Ctrl-C). */
  void cancel() {
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        streams.err().println("warning: cannot cancel: " + e.getMessage());
      }
    }
  }

  /** Writes {@code error: [SQLSTATE] message} for {@code e} on standard error. */
  void reportError(Exception e) {
    streams.err().println(errorLine(e));
    streams.err().flush();
  }

  static String errorLine(Exception e) {
    if (e instanceof SQLException) {
      SQLException sql = (SQLException) e;
      String state = sql.getSQLState();
      return "error: " + (state == null ? "" : "[" + state + "] ") + sql.getMessage();
    }
    return "error: " + e;
  }

  /** Prints the warnings of {@code chain} after the first {@code skip}; returns the chain length. */
  private int printWarnings(SQLWarning chain, int skip) {
    int index = 0;
    for (SQLWarning w = chain; w != null; w = w.getNextWarning()) {
      if (index++ >= skip) {
        streams.err().println("warning: " + w.getMessage());
      }
    }
    streams.err().flush();
    return index;
  }

  static String rows(long count) {
    return count + (count == 1 ? " row" : " rows");
  }

  static String seconds(long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return String.format(Locale.ROOT, seconds < 1 ? "%.3f s" : "%.1f s", seconds);
  }
}
