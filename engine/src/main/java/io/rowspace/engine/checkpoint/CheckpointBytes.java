package io.rowspace.engine.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The frame every training checkpoint is written in: a magic number naming its kind, its format
 * version, then the body its class writes. Space and predictor checkpoints share it so both are
 * recognised, and refused when foreign or older, the same way.
 */
public final class CheckpointBytes {
  private CheckpointBytes() {
  }

  /** Writes a checkpoint's body into memory. */
  @FunctionalInterface
  public interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** The bytes of a checkpoint: the header, then what {@code body} writes. */
  public static byte[] write(int magic, int format, Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(magic);
      out.writeInt(format);
      body.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory cannot fail", e);
    }
  }

  /**
   * The body of a checkpoint, positioned after its header, or null when the bytes are not a
   * checkpoint of this kind and format (another Rowspace version wrote them, or they are damaged).
   */
  public static DataInputStream read(byte[] bytes, int magic, int format) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    return in.readInt() == magic && in.readInt() == format ? in : null;
  }
}
