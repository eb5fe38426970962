package io.rowspace.sql.ddl;

import io.rowspace.error.SqlStates;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.JobOwner;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement given {@code async = true}, running on a thread of its own (SPEC section 3): it
 * reports its progress, estimated time left and outcome in {@code ROWSPACE.JOBS}, and stops at
 * {@code CANCEL JOB}. It runs exactly as the statement would have in the foreground, on its own
 * pooled connection, so the connection that started it may be closed meanwhile; a failed or
 * cancelled job leaves nothing behind, as the statement would not.
 *
 * <p>Its row names this process as owner and gets a heartbeat every
 * {@value JobOwner#HEARTBEAT_SECONDS} s, so that when the process ends with the job unfinished
 * (the JVM exits or is killed), the next connection to the database marks it FAILED
 * (abandoned); re-running its statement resumes from its last checkpoint.
 */
final class BackgroundJob implements StatementProgress {
  /** Progress is written to the catalog at most this often. */
  private static final long UPDATE_NANOS = 1_000_000_000L;
  /** Renews the heartbeat of every job of this process; its thread does not keep the JVM up. */
  private static final ScheduledExecutorService HEARTBEATS =
      Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rowspace-job-heartbeat");
        thread.setDaemon(true);
        return thread;
      });

  private final String id;
  private final String kind;
  private final String model;
  private final StatementCommand command;
  private final RowspaceSession session;
  private final Catalog catalog;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final long startedNanos = System.nanoTime();
  private long lastUpdateNanos;
  private ScheduledFuture<?> heartbeat;

  BackgroundJob(String id, String kind, String model, StatementCommand command,
      RowspaceSession session) {
    this.id = id;
    this.kind = kind;
    this.model = model;
    this.command = command;
    this.session = session;
    this.catalog = session.catalog();
  }

  String id() {
    return id;
  }

  /** Asks the job to stop at its next check (every training step or batch of rows). */
  void cancel() {
    cancelled.set(true);
  }

  /** Records the job as RUNNING in this process, starts its thread and its heartbeat. */
  void start() throws SQLException {
    catalog.jobs().start(id, kind, model, Instant.now());
    heartbeat = HEARTBEATS.scheduleAtFixedRate(this::beat, JobOwner.HEARTBEAT_SECONDS,
        JobOwner.HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    Thread thread = new Thread(this::run, "rowspace-job-" + id);
    // A job does not keep the JVM alive: the statement it runs stores nothing until it succeeds.
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    String state;
    String message;
    try (Connection connection = session.database().ownConnection()) {
      StatementContext context = new StatementContext(session, connection, this,
          cancelled::get);
      command.execute(context);
      state = "DONE";
      message = context.warnings().isEmpty() ? "done"
          : "done; " + String.join(" | ", context.warnings());
    } catch (SQLException e) {
      state = SqlStates.CANCELLED.equals(e.getSQLState()) || cancelled.get() ? "CANCELLED"
          : "FAILED";
      message = e.getSQLState() + ": " + e.getMessage();
    } catch (RuntimeException | Error e) {
      state = "FAILED";
      message = "internal error: " + e;
    } finally {
      heartbeat.cancel(false);
      BackgroundJobs.finished(this);
    }
    try {
      catalog.jobs().finish(id, state, message, Instant.now());
    } catch (SQLException e) {
      // The backing database is gone (e.g. an in-memory database closed): nowhere to report.
    }
  }

  /** Tells other processes that this job's process still runs it. */
  private void beat() {
    try {
      catalog.jobs().heartbeat(List.of(id), Instant.now());
    } catch (SQLException e) {
      // A missed beat is made up by the next; other processes wait several beats.
    }
  }

  /** The statement's progress, as the foreground listener would get it, written to JOBS. */
  @Override public void progress(String phase, int step, int totalSteps, String message) {
    long now = System.nanoTime();
    boolean last = totalSteps > 0 && step >= totalSteps;
    if (now - lastUpdateNanos < UPDATE_NANOS && !last) {
      return;
    }
    lastUpdateNanos = now;
    double fraction = totalSteps > 0 ? Math.min(1.0, step / (double) totalSteps) : 0.0;
    double elapsed = (now - startedNanos) / 1e9;
    // Training dominates a CREATE, so its share of the work predicts the rest.
    Double eta = phase.equals("train") && fraction > 0 ? elapsed * (1 - fraction) / fraction
        : null;
    try {
      catalog.jobs().update(id, fraction, eta, String.format(Locale.ROOT, "%s %d/%d: %s", phase,
          step, totalSteps, message));
    } catch (SQLException e) {
      // Progress is best effort; the outcome is written when the job ends.
    }
  }
}
