package io.rowspace.sql.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of {@code ROWSPACE.JOBS}: background statements ({@code async = true}) with their
 * state, progress, estimated time left, owning process and heartbeat (SPEC sections 3 and 7).
 */
public final class JobStore {
  /** The width of the {@code message} column. */
  private static final int MESSAGE_LENGTH = 4000;

  private final CatalogConnections connections;

  JobStore(CatalogConnections connections) {
    this.connections = connections;
  }

  /** Records an asynchronous statement that just started, as RUNNING in this process. */
  public void start(String jobId, String kind, String model, Instant startedAt)
      throws SQLException {
    connections.prepared("INSERT INTO ROWSPACE.JOBS (job_id, kind, model, state, progress, "
        + "started_at, message, owner, heartbeat_at) "
        + "VALUES (?, ?, ?, 'RUNNING', 0, ?, 'started', ?, ?)", ps -> {
      ps.setString(1, jobId);
      ps.setString(2, kind);
      ps.setString(3, model);
      ps.setTimestamp(4, Timestamp.from(startedAt));
      ps.setString(5, JobOwner.current().encode());
      ps.setTimestamp(6, Timestamp.from(startedAt));
      ps.executeUpdate();
      return null;
    });
  }

  /** Says that this process still runs these jobs ({@code heartbeat_at}). */
  public void heartbeat(List<String> jobIds, Instant now) throws SQLException {
    connections.prepared("UPDATE ROWSPACE.JOBS SET heartbeat_at = ? "
        + "WHERE job_id = ? AND state = 'RUNNING'", ps -> {
      for (String id : jobIds) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setString(2, id);
        ps.addBatch();
      }
      ps.executeBatch();
      return null;
    });
  }

  /**
   * Marks FAILED every RUNNING job whose process has ended ({@link JobOwner#isAlive}); a job
   * recorded before owners were (no owner) counts as ended when its process is not this one.
   *
   * @return the ids of the jobs marked
   */
  public List<String> failAbandoned(Instant now) throws SQLException {
    List<String> abandoned = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    connections.prepared("SELECT job_id, owner, heartbeat_at FROM ROWSPACE.JOBS "
        + "WHERE state = 'RUNNING'", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp heartbeat = rs.getTimestamp(3);
          JobOwner owner = JobOwner.parse(rs.getString(2));
          if (!owner.isAlive(heartbeat == null ? null : heartbeat.toInstant(), now)) {
            abandoned.add(rs.getString(1));
            messages.add("abandoned: the process that ran it ended (" + owner.describe()
                + "). Nothing of it was stored; run the statement again to resume from its last "
                + "checkpoint.");
          }
        }
      }
      return null;
    });
    for (int i = 0; i < abandoned.size(); i++) {
      String jobId = abandoned.get(i);
      String message = messages.get(i);
      connections.prepared("UPDATE ROWSPACE.JOBS SET state = 'FAILED', eta_seconds = 0, "
          + "finished_at = ?, message = ? WHERE job_id = ? AND state = 'RUNNING'", ps -> {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setString(2, clip(message));
        ps.setString(3, jobId);
        ps.executeUpdate();
        return null;
      });
    }
    return abandoned;
  }

  /** The process that runs a job recorded in ROWSPACE.JOBS, if there is such a job. */
  public Optional<JobOwner> owner(String jobId) throws SQLException {
    return connections.prepared("SELECT owner FROM ROWSPACE.JOBS WHERE job_id = ?", ps -> {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(JobOwner.parse(rs.getString(1))) : Optional.empty();
      }
    });
  }

  /** A running job's progress (0 to 1), estimated seconds left (null if unknown) and status. */
  public void update(String jobId, double progress, Double etaSeconds, String message)
      throws SQLException {
    connections.prepared("UPDATE ROWSPACE.JOBS SET progress = ?, eta_seconds = ?, message = ? "
        + "WHERE job_id = ? AND state = 'RUNNING'", ps -> {
      ps.setDouble(1, progress);
      if (etaSeconds == null) {
        ps.setNull(2, Types.DOUBLE);
      } else {
        ps.setDouble(2, etaSeconds);
      }
      ps.setString(3, clip(message));
      ps.setString(4, jobId);
      ps.executeUpdate();
      return null;
    });
  }

  /** Records how a job ended: state DONE, FAILED or CANCELLED, and what it said. */
  public void finish(String jobId, String state, String message, Instant finishedAt)
      throws SQLException {
    connections.prepared("UPDATE ROWSPACE.JOBS SET state = ?, "
        + "progress = CASE WHEN ? = 'DONE' THEN 1 ELSE progress END, eta_seconds = 0, "
        + "finished_at = ?, message = ? WHERE job_id = ?", ps -> {
      ps.setString(1, state);
      ps.setString(2, state);
      ps.setTimestamp(3, Timestamp.from(finishedAt));
      ps.setString(4, clip(message));
      ps.setString(5, jobId);
      ps.executeUpdate();
      return null;
    });
  }

  /** The state of a job recorded in ROWSPACE.JOBS, if there is one. */
  public Optional<String> state(String jobId) throws SQLException {
    return connections.prepared("SELECT state FROM ROWSPACE.JOBS WHERE job_id = ?", ps -> {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    });
  }

  private static String clip(String message) {
    return CatalogValues.clip(message, MESSAGE_LENGTH);
  }
}
