package io.rowspace.engine.store;

import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.DetectedType;
import io.rowspace.error.EngineException;
import io.rowspace.error.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary container of saved models: a four-letter magic, a format version, the body written
 * with {@link DataOutput}, and a CRC-32 of everything before it. No Java serialisation and no
 * pickle: loading never runs code from the bytes, and corrupt bytes give a clear error.
 */
public final class ModelFile {
  private ModelFile() {}

  /** Writes a model body. */
  @FunctionalInterface
  public interface Body {
    void write(DataOutput out) throws IOException;
  }

  /** Reads a model body. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInput in, int version) throws IOException;
  }

  /** Serialises a body under a magic and version. */
  public static byte[] write(String magic, int version, Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(magic.getBytes(StandardCharsets.US_ASCII));
      out.writeByte(version);
      body.write(out);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw ErrorCode.MODEL_NOT_SERIALISED.failure(e, e);
    }
  }

  /**
   * Reads a body after checking magic, version and checksum.
   *
   * @param what what the bytes should hold, for messages (e.g. "embedding space")
   * @param maxVersion newest version this code reads; all older versions are read too
   */
  public static <T> T read(byte[] bytes, String magic, int maxVersion, String what, Reader<T> reader) {
    if (bytes == null || bytes.length < magic.length() + 1 + 8) {
      throw corrupt(what, "too short (" + (bytes == null ? 0 : bytes.length) + " bytes)");
    }
    String found = new String(bytes, 0, magic.length(), StandardCharsets.US_ASCII);
    if (!found.equals(magic)) {
      throw corrupt(what, "it does not start with '" + magic + "'; these bytes are not a saved "
          + what);
    }
    int version = bytes[magic.length()] & 0xff;
    if (version < 1 || version > maxVersion) {
      throw corrupt(what, "format version " + version + " is newer than this engine reads (up to "
          + maxVersion + "); upgrade Rowspace");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
    if (stored != crc.getValue()) {
      throw corrupt(what, "checksum mismatch (the bytes were truncated or altered)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes,
        magic.length() + 1, bytes.length - magic.length() - 1 - 8))) {
      return reader.read(in, version);
    } catch (IOException | RuntimeException e) {
      if (e instanceof EngineException ee) {
        throw ee;
      }
      throw ErrorCode.MODEL_CORRUPT.failure(e, what, e.getMessage());
    }
  }

  private static EngineException corrupt(String what, String detail) {
    return ErrorCode.MODEL_UNREADABLE.failure(what, detail);
  }

  public static void writeFloats(DataOutput out, float[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.BIG_ENDIAN);
    buffer.asFloatBuffer().put(values);
    out.write(buffer.array());
  }

  public static float[] readFloats(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 500_000_000) {
      throw new IOException("invalid array length " + n);
    }
    byte[] raw = new byte[n * 4];
    in.readFully(raw);
    float[] values = new float[n];
    ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /**
   * Marks a text written in the long form: {@link DataOutput#writeUTF} holds at most 65,535
   * bytes, so a longer value (a free-text cell, a category of 100 KB) follows this marker as an
   * int length and UTF-8 bytes. Shorter texts are written exactly as {@code writeUTF} writes
   * them, so formats saved before keep loading and stay byte-identical.
   */
  private static final String LONG_TEXT = "\uFFFF\u0000rowspace-long-text";
  private static final int UTF_LIMIT = 65_535;

  /** Writes a text of any length; read it with {@link #readText}. */
  public static void writeText(DataOutput out, String text) throws IOException {
    // Modified UTF-8 takes at most three bytes a char, so short texts need no counting.
    boolean fits = text.length() <= UTF_LIMIT / 3 || modifiedUtfLength(text) <= UTF_LIMIT;
    if (fits && !text.equals(LONG_TEXT)) {
      out.writeUTF(text);
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeUTF(LONG_TEXT);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads a text of {@link #writeText} (or of {@code writeUTF}). */
  public static String readText(DataInput in) throws IOException {
    String text = in.readUTF();
    if (!text.equals(LONG_TEXT)) {
      return text;
    }
    int length = in.readInt();
    if (length < 0 || length > MAX_TEXT_BYTES) {
      throw new IOException("Corrupt text length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Longest text {@link #readText} accepts: corrupt lengths fail instead of allocating. */
  private static final int MAX_TEXT_BYTES = 1 << 30;

  private static long modifiedUtfLength(String text) {
    long length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    return length;
  }

  public static void writeNullableUtf(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      writeText(out, s);
    }
  }

  public static String readNullableUtf(DataInput in) throws IOException {
    return in.readBoolean() ? readText(in) : null;
  }

  public static void writeMap(DataOutput out, Map<String, String> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      writeText(out, e.getKey());
      writeText(out, e.getValue());
    }
  }

  public static Map<String, String> readMap(DataInput in) throws IOException {
    int n = checkedCount(in.readInt());
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(readText(in), readText(in));
    }
    return map;
  }

  public static void writeStrings(DataOutput out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      writeText(out, v);
    }
  }

  public static List<String> readStrings(DataInput in) throws IOException {
    int n = checkedCount(in.readInt());
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readText(in));
    }
    return list;
  }

  public static void writeProfiles(DataOutput out, List<ColumnProfile> profiles)
      throws IOException {
    out.writeInt(profiles.size());
    for (ColumnProfile p : profiles) {
      writeText(out, p.name());
      out.writeInt(p.jdbcType());
      writeNullableUtf(out, p.sqlTypeName());
      writeText(out, p.detectedType().name());
      writeText(out, p.encoder());
      out.writeBoolean(p.used());
      writeNullableUtf(out, p.reason());
      out.writeLong(p.rows());
      out.writeLong(p.missing());
      out.writeLong(p.unparseable());
      out.writeLong(p.distinct());
    }
  }

  public static List<ColumnProfile> readProfiles(DataInput in) throws IOException {
    int n = checkedCount(in.readInt());
    List<ColumnProfile> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new ColumnProfile(readText(in), in.readInt(), readNullableUtf(in),
          DetectedType.valueOf(readText(in)), readText(in), in.readBoolean(),
          readNullableUtf(in), in.readLong(), in.readLong(), in.readLong(), in.readLong()));
    }
    return list;
  }

  private static int checkedCount(int n) throws IOException {
    if (n < 0 || n > 10_000_000) {
      throw new IOException("invalid count " + n);
    }
    return n;
  }
}
