package io.rowspace.sql.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowspace.error.ErrorCode;
import io.rowspace.sql.catalog.BlobKind;
import io.rowspace.sql.catalog.ModelKind;
import io.rowspace.sql.catalog.ModelRows;
import io.rowspace.sql.catalog.StoredModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file EXPORT writes and IMPORT reads: what was exported ({@code kind} and {@code name}),
 * where from (the backing database's product, its default schema and how it folds unquoted
 * names) and the models, a space first.
 *
 * <pre>
 * "RWSMODEL"            8 bytes, the magic
 * format                int, 1
 * header                UTF: JSON {kind, name, database, default_schema, unquoted_casing,
 *                       exported_at}; unquoted_casing (TO_UPPER, TO_LOWER or UNCHANGED) is
 *                       absent from files of Rowspace before it
 * models                int, then per model: kind, name (UTF), catalog rows (int length,
 *                       JSON bytes), stored bytes (int count, per entry: blob kind (UTF),
 *                       int length, bytes)
 * SHA-256               32 bytes, of everything before it
 * </pre>
 */
public record ModelArchive(ModelKind kind, String name, String database, String defaultSchema,
    String unquotedCasing, String exportedAt, List<StoredModel> models) {
  private static final byte[] MAGIC = "RWSMODEL".getBytes(StandardCharsets.US_ASCII);
  /** The format this Rowspace writes; it reads this one and the ones before. */
  public static final int FORMAT = 1;
  private static final int DIGEST_BYTES = 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelArchive {
    models = List.copyOf(models);
  }

  /**
   * Whether a name is as the exporting database folds an unquoted identifier (so it was most
   * likely written unquoted there): upper case from H2, lower case from PostgreSQL. Files without
   * the casing take it from the database's product name.
   */
  public boolean foldedAsUnquoted(String identifier) {
    String casing = unquotedCasing;
    if (casing == null) {
      String product = database == null ? "" : database.toLowerCase(Locale.ROOT);
      casing = product.equals("h2") ? "TO_UPPER" : product.contains("postgres") ? "TO_LOWER"
          : "UNCHANGED";
    }
    return switch (casing) {
      case "TO_UPPER" -> identifier.equals(identifier.toUpperCase(Locale.ROOT));
      case "TO_LOWER" -> identifier.equals(identifier.toLowerCase(Locale.ROOT));
      default -> false;
    };
  }

  /** The space of the archive, which is always its first model. */
  public StoredModel space() {
    return models.get(0);
  }

  /** The predictors of the archive. */
  public List<StoredModel> predictors() {
    return models.subList(1, models.size());
  }

  /**
   * Writes the archive to {@code file}: to a temporary file beside it, forced to disk, then
   * renamed over it, so that the file is never seen half-written.
   *
   * @throws SQLException (58030) if the file cannot be written
   */
  public void write(Path file) throws SQLException {
    byte[] bytes = toBytes();
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    Path temporary = null;
    try {
      temporary = Files.createTempFile(directory, target.getFileName() + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(channel)) {
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
    } catch (IOException e) {
      throw ErrorCode.FILE_NOT_WRITABLE.exception(e, file, describe(e));
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the temporary file stays; the target was not touched
        }
      }
    }
  }

  /**
   * Reads an archive.
   *
   * @throws SQLException 58030 if the file cannot be read, 22000 if it is no Rowspace model file
   *     or damaged
   */
  public static ModelArchive read(Path file) throws SQLException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw ErrorCode.FILE_NOT_READABLE.exception(e, file, describe(e));
    }
    if (bytes.length < MAGIC.length + 4 + DIGEST_BYTES
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw ErrorCode.NOT_A_MODEL_FILE.exception(file);
    }
    int end = bytes.length - DIGEST_BYTES;
    if (!Arrays.equals(sha256(bytes, end), 0, DIGEST_BYTES, bytes, end, bytes.length)) {
      throw ErrorCode.MODEL_FILE_CHECKSUM.exception(file);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length,
        end - MAGIC.length))) {
      int format = in.readInt();
      if (format < 1 || format > FORMAT) {
        throw ErrorCode.MODEL_FILE_TOO_NEW.exception(file, format, FORMAT);
      }
      JsonNode header = JSON.readTree(in.readUTF());
      int count = in.readInt();
      List<StoredModel> models = new ArrayList<>();
      for (int m = 0; m < count; m++) {
        ModelKind kind = ModelKind.valueOf(in.readUTF());
        String name = in.readUTF();
        ModelRows rows = ModelRows.fromBytes(readBytes(in));
        int blobCount = in.readInt();
        Map<BlobKind, byte[]> blobs = new LinkedHashMap<>();
        for (int b = 0; b < blobCount; b++) {
          blobs.put(BlobKind.valueOf(in.readUTF()), readBytes(in));
        }
        if (!rows.hasOwnRow(kind)) {
          throw new IOException("the " + kind.label() + " '" + name + "' has no catalog row");
        }
        models.add(new StoredModel(kind, name, rows, blobs));
      }
      if (models.isEmpty() || models.get(0).kind() != ModelKind.SPACE) {
        throw new IOException("it holds no embedding space");
      }
      return new ModelArchive(ModelKind.valueOf(header.path("kind").asText()),
          header.path("name").asText(), header.path("database").asText(),
          header.path("default_schema").asText(null), header.path("unquoted_casing").asText(null),
          header.path("exported_at").asText(), models);
    } catch (IOException | IllegalArgumentException e) {
      throw ErrorCode.MODEL_FILE_DAMAGED.exception(e, file, e.getMessage());
    }
  }

  private byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(FORMAT);
      ObjectNode header = JSON.createObjectNode();
      header.put("kind", kind.name());
      header.put("name", name);
      header.put("database", database);
      header.put("default_schema", defaultSchema);
      header.put("unquoted_casing", unquotedCasing);
      header.put("exported_at", exportedAt);
      out.writeUTF(header.toString());
      out.writeInt(models.size());
      for (StoredModel model : models) {
        out.writeUTF(model.kind().name());
        out.writeUTF(model.name());
        writeBytes(out, model.rows().toBytes());
        out.writeInt(model.blobs().size());
        for (BlobKind blob : BlobKind.values()) {
          byte[] content = model.blobs().get(blob);
          if (content != null) {
            out.writeUTF(blob.name());
            writeBytes(out, content);
          }
        }
      }
      out.flush();
      out.write(sha256(bytes.toByteArray(), bytes.size()));
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory does not fail", e);
    }
    return bytes.toByteArray();
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a part is longer than the file");
    }
    return in.readNBytes(length);
  }

  private static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
