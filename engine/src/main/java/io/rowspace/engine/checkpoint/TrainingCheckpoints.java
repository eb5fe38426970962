package io.rowspace.engine.checkpoint;

import java.util.Optional;

/**
 * Where one training run keeps its checkpoints: the state of the run after an epoch, as bytes,
 * saved every {@link #intervalSeconds()} and read back when the same run starts again. A store
 * holds at most one checkpoint, the latest; each save replaces it durably (its own committed
 * transaction in the SQL layer), so a crash at any moment leaves the previous one or the new one.
 *
 * <p>The trainer gives a {@link RunFingerprint} of what it trains on with every call; a store
 * returns a checkpoint only for the fingerprint it was saved with.
 */
public interface TrainingCheckpoints {
  /** No checkpoints: nothing is saved, nothing resumed. */
  TrainingCheckpoints NONE = new TrainingCheckpoints() {
    @Override
    public Optional<Saved> latest(String fingerprint) {
      return Optional.empty();
    }

    @Override
    public void save(String fingerprint, int epoch, byte[] state) {
    }

    @Override
    public long intervalSeconds() {
      return -1;
    }
  };

  /** A checkpoint read back: the epoch it was taken after and the trainer's state. */
  record Saved(int epoch, byte[] state) {
  }

  /**
   * The latest checkpoint of the run with this fingerprint, if one was saved and is intact.
   *
   * @param fingerprint what the run trains on (data, settings, initial weights)
   */
  Optional<Saved> latest(String fingerprint);

  /**
   * Saves the state after an epoch, replacing the previous checkpoint. A failure to save must
   * not stop training: implementations report it and carry on.
   */
  void save(String fingerprint, int epoch, byte[] state);

  /**
   * Seconds between checkpoints: 0 saves after every epoch, a negative value never saves. The
   * trainer saves after the first epoch that ends this long after the run (or the last save)
   * started.
   */
  long intervalSeconds();
}
