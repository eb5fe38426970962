package io.rowspace.server;

import io.rowspace.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks user names and passwords against a {@link UsersFile}. This is the server's own
 * authenticator rather than Jetty's {@code HashLoginService}, which compares clear-text, MD5 or
 * crypt(3) credentials only and so cannot read the PBKDF2 hashes the users file holds; it also
 * lets a password arrive either with HTTP BASIC or, as BI tools send it, as the {@code user} and
 * {@code password} connection properties.
 *
 * <p>Avatica makes one HTTP request per JDBC call, and a slow hash on each would make every call
 * slow; so once a password has been checked against its PBKDF2 hash, a keyed digest of it (HMAC
 * with a key made at random for this process) is remembered in memory and checked instead. The
 * file is read again when it changes, which forgets what was remembered.
 */
public final class UserAuthenticator {
  /** A hash to check unknown names against, so they take as long as a wrong password. */
  private static final String NOBODY = PasswordHash.of(new char[] {'-'});
  private final Path file;
  private final byte[] key = new byte[32];
  private final Map<String, byte[]> checked = new ConcurrentHashMap<>();
  private volatile UsersFile users;
  private volatile FileTime readAt;

  private UserAuthenticator(Path file, UsersFile users, FileTime readAt) {
    this.file = file;
    this.users = users;
    this.readAt = readAt;
    new SecureRandom().nextBytes(key);
  }

  /**
   * Reads the users file.
   *
   * @throws SQLException (28000) if it cannot be read or holds no valid users
   */
  public static UserAuthenticator of(Path file) throws SQLException {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      UsersFile users = UsersFile.read(file);
      if (users.users().isEmpty()) {
        throw ErrorCode.USERS_FILE_EMPTY.exception(file);
      }
      return new UserAuthenticator(file, users, modified);
    } catch (IOException e) {
      throw ErrorCode.USERS_FILE_UNREADABLE.exception(e, file, e.getMessage(),
          Files.exists(file) ? "" : " Create it with ./rowspace user add NAME --role "
              + "read|write|admin --file " + file + ".");
    }
  }

  /** The user with this name and password, or empty if either is wrong. */
  public Optional<UsersFile.User> authenticate(String name, String password) {
    if (name == null || password == null) {
      return Optional.empty();
    }
    reloadIfChanged();
    Optional<UsersFile.User> user = users.user(name);
    byte[] digest = digest(name, password);
    if (user.isEmpty()) {
      // As slow as a wrong password, so timing does not tell which names exist.
      PasswordHash.matches(password.toCharArray(), NOBODY);
      return Optional.empty();
    }
    byte[] known = checked.get(name);
    if (known != null && MessageDigest.isEqual(known, digest)) {
      return user;
    }
    if (!PasswordHash.matches(password.toCharArray(), user.get().passwordHash())) {
      return Optional.empty();
    }
    checked.put(name, digest);
    return user;
  }

  private void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(readAt)) {
        synchronized (this) {
          if (!modified.equals(readAt)) {
            users = UsersFile.read(file);
            readAt = modified;
            checked.clear();
          }
        }
      }
    } catch (IOException e) {
      // A file being rewritten, or made invalid, leaves the users last read in place.
    }
  }

  private byte[] digest(String name, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(name.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java runtime lacks HmacSHA256", e);
    }
  }
}
