package io.rowspace.sql.ddl;

import io.rowspace.engine.checkpoint.TrainingCheckpoints;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.CheckpointRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training checkpoints of one statement, kept in {@code ROWSPACE.CHECKPOINTS}: keyed by the
 * model's name and the statement's identity (what it trains, on which tables, with which options;
 * not {@code async}, which does not change the result), each saved in a committed transaction of
 * its own. Re-running the same statement after a crash finds the checkpoint and resumes from it.
 *
 * <p>Checkpoints are a convenience: a checkpoint that cannot be read counts as none, and one that
 * cannot be written is reported once as a warning while training goes on.
 */
final class StatementCheckpoints implements TrainingCheckpoints {
  private final Catalog catalog;
  private final String kind;
  private final String model;
  private final String statementKey;
  private final long intervalSeconds;
  private final StatementContext context;
  private boolean saveFailed;

  /**
   * @param identity the parts of the statement that decide what it trains, in a fixed order
   */
  StatementCheckpoints(StatementContext context, String kind, String model,
      List<Object> identity) {
    this.catalog = context.session().catalog();
    this.kind = kind;
    this.model = model;
    this.statementKey = key(kind, model, identity);
    this.intervalSeconds = context.session().settings().checkpointSeconds();
    this.context = context;
  }

  @Override public Optional<Saved> latest(String fingerprint) {
    try {
      Optional<CheckpointRecord> found = catalog.checkpoints().find(kind, model, statementKey,
          fingerprint);
      return found.map(c -> new Saved(c.epoch(), c.state()));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  @Override public void save(String fingerprint, int epoch, byte[] state) {
    try {
      catalog.checkpoints().save(kind, model, statementKey, fingerprint, epoch, state,
          Instant.now());
    } catch (SQLException e) {
      if (!saveFailed) {
        saveFailed = true;
        context.warn("The training checkpoint of " + model + " after epoch " + epoch
            + " could not be saved (" + e.getMessage() + "); training goes on, but a re-run "
            + "after a crash would start from the beginning.");
      }
    }
  }

  @Override public long intervalSeconds() {
    return intervalSeconds;
  }

  /** Deletes the checkpoint: the statement failed for good or was cancelled. */
  void discard() {
    try {
      catalog.checkpoints().delete(kind, model);
    } catch (SQLException e) {
      // Left for the next run of the statement, which replaces it, or for DROP.
    }
  }

  private static String key(String kind, String model, List<Object> identity) {
    StringBuilder text = new StringBuilder(kind).append('\u0000').append(model);
    for (Object part : identity) {
      text.append('\u0000');
      if (part instanceof Map<?, ?> map) {
        map.forEach((k, v) -> text.append(k).append('=').append(v).append('\u0001'));
      } else {
        text.append(part);
      }
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
