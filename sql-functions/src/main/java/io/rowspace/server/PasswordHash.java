package io.rowspace.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, deliberately slow password hash as stored in the users file:
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in Base64). PBKDF2 with HMAC-SHA256
 * comes with the JDK; the iteration count travels with each hash, so it can be raised later
 * without invalidating the hashes already written.
 */
public final class PasswordHash {
  static final String SCHEME = "pbkdf2-sha256";
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 210_000;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {
  }

  /** Hashes a password with a new random salt. */
  public static String of(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
        + base64.encodeToString(derive(password, salt, ITERATIONS));
  }

  /** Whether {@code text} has the form of a stored hash. */
  static boolean isHash(String text) {
    String[] parts = text.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    try {
      return Integer.parseInt(parts[1]) > 0 && Base64.getDecoder().decode(parts[2]).length > 0
          && Base64.getDecoder().decode(parts[3]).length == HASH_BITS / 8;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code password} is the one {@code stored} was made from; constant-time. */
  public static boolean matches(char[] password, String stored) {
    if (!isHash(stored)) {
      return false;
    }
    String[] parts = stored.split("\\$");
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    KeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime has PBKDF2WithHmacSHA256 (Java Security Standard Algorithm Names).
      throw new IllegalStateException("This Java runtime lacks " + ALGORITHM, e);
    }
  }
}
