package io.rowspace.sql.ddl;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The background jobs running in this JVM ({@code WITH (async = true)}), by job id, for
 * {@code CANCEL JOB}. Finished jobs leave this registry; their outcome stays in
 * {@code ROWSPACE.JOBS}.
 */
final class BackgroundJobs {
  private static final Map<String, BackgroundJob> RUNNING = new ConcurrentHashMap<>();

  private BackgroundJobs() {
  }

  /** Registers a job and starts it; a job that fails to start is not kept. */
  static void start(BackgroundJob job) throws SQLException {
    RUNNING.put(job.id(), job);
    try {
      job.start();
    } catch (SQLException | RuntimeException e) {
      RUNNING.remove(job.id());
      throw e;
    }
  }

  static Optional<BackgroundJob> running(String id) {
    return Optional.ofNullable(RUNNING.get(id));
  }

  static Set<String> runningIds() {
    return Set.copyOf(RUNNING.keySet());
  }

  static void finished(BackgroundJob job) {
    RUNNING.remove(job.id());
  }
}
