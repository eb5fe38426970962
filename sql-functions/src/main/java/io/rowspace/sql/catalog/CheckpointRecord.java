package io.rowspace.sql.catalog;

import java.time.Instant;

/**
 * A training checkpoint read from {@code ROWSPACE.CHECKPOINTS}: the epoch it was taken after,
 * when, and the trainer's state (checked against its checksum).
 */
public record CheckpointRecord(int epoch, Instant savedAt, byte[] state) {
}
