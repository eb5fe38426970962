package io.rowspace.sql.ddl;

import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.JobOwner;
import io.rowspace.sql.parser.SqlCancelJob;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Executes {@code CANCEL JOB 'id'}: asks a job of this process to stop (it ends as CANCELLED
 * shortly after), says so when the job already ended, and refuses a job another live process
 * runs or an id no job has.
 */
final class CancelJobCommand implements StatementCommand {
  private final String id;

  CancelJobCommand(SqlCancelJob cancel) {
    this.id = cancel.jobId();
  }

  @Override public StatementResult execute(StatementContext context) throws SQLException {
    Optional<BackgroundJob> job = BackgroundJobs.running(id);
    if (job.isPresent()) {
      job.get().cancel();
      context.warn("Job '" + id + "' was asked to stop; ROWSPACE.JOBS shows CANCELLED once it "
          + "has.");
      return StatementResult.count(0);
    }
    Catalog catalog = context.session().catalog();
    catalog.jobs().failAbandoned(Instant.now());
    Optional<String> state = catalog.jobs().state(id);
    if (state.isPresent() && !state.get().equals("RUNNING")) {
      context.warn("Job '" + id + "' already ended (" + state.get() + "); nothing to cancel.");
      return StatementResult.count(0);
    }
    if (state.isPresent()) {
      JobOwner owner = catalog.jobs().owner(id).orElse(JobOwner.parse(null));
      throw ErrorCode.JOB_IN_OTHER_PROCESS.exception(id, owner.describe());
    }
    Set<String> running = BackgroundJobs.runningIds();
    throw ErrorCode.UNKNOWN_JOB.exception(id,
        running.isEmpty() ? "none" : String.join(", ", running));
  }
}
