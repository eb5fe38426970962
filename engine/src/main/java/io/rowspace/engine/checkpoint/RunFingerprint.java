package io.rowspace.engine.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds the fingerprint of a training run: SHA-256 over everything that decides its result
 * (the encoded rows, the split, the settings, the initial weights), added piece by piece. Two
 * runs with the same fingerprint train the same model, so one may resume the other's checkpoint.
 */
public final class RunFingerprint {
  private final MessageDigest digest;
  private final ByteBuffer scratch = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);

  public RunFingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Adds a text (a setting, a name). */
  public RunFingerprint add(String text) {
    byte[] bytes = String.valueOf(text).getBytes(StandardCharsets.UTF_8);
    add(bytes.length);
    digest.update(bytes);
    return this;
  }

  /** Adds a number. */
  public RunFingerprint add(long value) {
    flush(8);
    scratch.putLong(value);
    return this;
  }

  /** Adds an array of numbers, with its length; null counts as empty. */
  public RunFingerprint add(int[] values) {
    int n = values == null ? 0 : values.length;
    add(n);
    for (int i = 0; i < n; i++) {
      flush(4);
      scratch.putInt(values[i]);
    }
    return this;
  }

  /** Adds an array of numbers, with its length; null counts as empty. */
  public RunFingerprint add(long[] values) {
    int n = values == null ? 0 : values.length;
    add(n);
    for (int i = 0; i < n; i++) {
      flush(8);
      scratch.putLong(values[i]);
    }
    return this;
  }

  /** Adds an array of numbers by their bits, with its length; null counts as empty. */
  public RunFingerprint add(float[] values) {
    int n = values == null ? 0 : values.length;
    add(n);
    for (int i = 0; i < n; i++) {
      flush(4);
      scratch.putInt(Float.floatToRawIntBits(values[i]));
    }
    return this;
  }

  /** Adds bytes, with their length; null counts as empty. */
  public RunFingerprint add(byte[] values) {
    int n = values == null ? 0 : values.length;
    add(n);
    if (n > 0) {
      flush(scratch.capacity());
      digest.update(values);
    }
    return this;
  }

  /** The fingerprint of everything added, as 64 hexadecimal digits. */
  public String hex() {
    flush(scratch.capacity());
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hashes what is buffered when fewer than {@code room} bytes are left. */
  private void flush(int room) {
    if (scratch.remaining() < room) {
      digest.update(scratch.array(), 0, scratch.position());
      scratch.clear();
    }
  }
}
