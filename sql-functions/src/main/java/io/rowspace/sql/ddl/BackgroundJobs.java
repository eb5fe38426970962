package io.rowspace.sql.ddl;

import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.JobOwner;
import io.rowspace.sql.error.RowspaceErrors;
import io.rowspace.sql.error.SqlStates;
import io.rowspace.sql.parser.SqlCreateEmbeddingSpace;
import io.rowspace.sql.parser.SqlCreatePredictor;
import io.rowspace.sql.parser.SqlOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.sql.SqlNode;

/**
 * The asynchronous statements running in this JVM ({@code WITH (async = true)}), by job id, and
 * {@code CANCEL JOB}. Finished jobs leave this registry; their outcome stays in
 * {@code ROWSPACE.JOBS}.
 */
final class BackgroundJobs {
  private static final Map<String, BackgroundJob> RUNNING = new ConcurrentHashMap<>();

  private BackgroundJobs() {
  }

  /** Whether a statement asks to run in the background: {@code async = true} among its options. */
  static boolean isAsync(SqlNode statement) throws SQLException {
    Optional<String> async = option(statement, "async");
    if (async.isEmpty() || async.get().equals("false")) {
      return false;
    }
    if (!async.get().equals("true")) {
      throw RowspaceErrors.invalidArgument("Option 'async' must be true or false, got '"
          + async.get() + "'.");
    }
    return true;
  }

  /** Starts a statement as a job and returns at once; the job id is given as a warning. */
  static StatementResult start(SqlNode statement, StatementContext context) throws SQLException {
    String kind;
    String model;
    if (statement instanceof SqlCreateEmbeddingSpace create) {
      kind = "CREATE EMBEDDING SPACE";
      model = ObjectNames.newModelName(create.name(), "an embedding space");
    } else if (statement instanceof SqlCreatePredictor create) {
      kind = "CREATE PREDICTOR";
      model = ObjectNames.newModelName(create.name(), "a predictor");
    } else {
      throw RowspaceErrors.invalidArgument("Only CREATE EMBEDDING SPACE and CREATE PREDICTOR "
          + "can run with async = true.");
    }
    String id = UUID.randomUUID().toString();
    BackgroundJob job = new BackgroundJob(id, kind, model, statement, context.session());
    RUNNING.put(id, job);
    try {
      job.start();
    } catch (SQLException | RuntimeException e) {
      RUNNING.remove(id);
      throw e;
    }
    context.warn("Job '" + id + "' started: " + kind + " " + model + " runs in the background. "
        + "Follow it with SELECT * FROM ROWSPACE.JOBS WHERE job_id = '" + id
        + "'; stop it with CANCEL JOB '" + id + "'.");
    return StatementResult.count(0);
  }

  /** {@code CANCEL JOB 'id'}: asks a running job to stop; it ends as CANCELLED shortly after. */
  static StatementResult cancel(String id, StatementContext context) throws SQLException {
    BackgroundJob job = RUNNING.get(id);
    if (job != null) {
      job.cancel();
      context.warn("Job '" + id + "' was asked to stop; ROWSPACE.JOBS shows CANCELLED once it "
          + "has.");
      return StatementResult.count(0);
    }
    Catalog catalog = context.session().catalog();
    catalog.failAbandonedJobs(Instant.now());
    Optional<String> state = catalog.jobState(id);
    if (state.isPresent() && !state.get().equals("RUNNING")) {
      context.warn("Job '" + id + "' already ended (" + state.get() + "); nothing to cancel.");
      return StatementResult.count(0);
    }
    if (state.isPresent()) {
      JobOwner owner = catalog.jobOwner(id).orElse(JobOwner.parse(null));
      throw new SQLException("Job '" + id + "' runs in another process (" + owner.describe()
          + "), which is still alive: CANCEL JOB reaches only the jobs of its own process. "
          + "Cancel it from a connection of that process, or end that process: the job then "
          + "shows FAILED and re-running its statement resumes from its last checkpoint.",
          SqlStates.OBJECT_NOT_IN_STATE);
    }
    throw new SQLException("Job '" + id + "' does not exist. Running jobs: "
        + (RUNNING.isEmpty() ? "none" : String.join(", ", RUNNING.keySet()))
        + " (see ROWSPACE.JOBS).", SqlStates.UNKNOWN_OBJECT);
  }

  static void finished(BackgroundJob job) {
    RUNNING.remove(job.id());
  }

  private static Optional<String> option(SqlNode statement, String key) {
    List<SqlOption> options;
    if (statement instanceof SqlCreateEmbeddingSpace create) {
      options = create.options();
    } else if (statement instanceof SqlCreatePredictor create) {
      options = create.options();
    } else {
      return Optional.empty();
    }
    for (SqlOption option : options) {
      if (option.key().equals(key)) {
        return Optional.of(option.valueAsString());
      }
    }
    return Optional.empty();
  }
}
