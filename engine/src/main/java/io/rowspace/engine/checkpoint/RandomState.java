package io.rowspace.engine.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;

/**
 * The exact state of a {@link Random}, as bytes a checkpoint can hold. {@link Random} keeps its
 * seed private; its serialised form is the only public way to carry it across a process. Reading
 * admits a {@code java.util.Random} (and the long inside it) and nothing else.
 */
public final class RandomState {
  private RandomState() {
  }

  /** The generator's state as it stands now. */
  public static byte[] of(Random random) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(random);
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /**
   * A generator that continues exactly where the one {@link #of} saved stood.
   *
   * @throws IOException when the bytes are not a saved {@link Random}
   */
  public static Random restore(byte[] bytes) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
          "java.util.Random;maxdepth=2;!*"));
      return (Random) in.readObject();
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IOException("not a saved random generator", e);
    }
  }
}
