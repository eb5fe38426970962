package io.rowspace.jdbc.remote;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The query timeout of one execution: when {@link Statement#setQueryTimeout} seconds pass before
 * the server answers, the statement is cancelled on the server, which then fails it with SQLSTATE
 * 57014; the client reports that as a {@link SQLTimeoutException}. Avatica's protocol carries no
 * timeout, so the client keeps the time, as PostgreSQL's driver does.
 */
final class QueryTimer {
  private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(
      task -> {
        Thread thread = new Thread(task, "rowspace-query-timeout");
        thread.setDaemon(true);
        return thread;
      });

  private final int seconds;
  private final ScheduledFuture<?> alarm;
  private volatile boolean fired;

  private QueryTimer(int seconds, Runnable cancel) {
    this.seconds = seconds;
    this.alarm = seconds <= 0 ? null : CLOCK.schedule(() -> {
      fired = true;
      cancel.run();
    }, seconds, TimeUnit.SECONDS);
  }

  /** Starts timing an execution that {@code cancel} stops on the server. */
  static QueryTimer start(int seconds, Runnable cancel) {
    return new QueryTimer(seconds, cancel);
  }

  /** The execution ended: the timeout no longer applies. */
  void stop() {
    if (alarm != null) {
      alarm.cancel(false);
    }
  }

  /** Whether the timeout passed and cancelled the execution. */
  boolean fired() {
    return fired;
  }

  /** What the caller sees of an execution this timer stopped. */
  SQLTimeoutException timedOut(Throwable cause) {
    return new SQLTimeoutException("The statement ran past its query timeout of " + seconds
        + " s and was stopped on the server. Give it more time with "
        + "Statement.setQueryTimeout (0 for none).", "57014", cause);
  }

  /** Rethrows what the server said about an execution this timer stopped, as a timeout. */
  SQLException translate(SQLException e) {
    return fired && "57014".equals(e.getSQLState()) ? timedOut(e) : e;
  }
}
