package io.rowspace.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users of a Rowspace server, as kept in its users file: one line per user,
 * {@code name:role:hash}, where the role is {@code read}, {@code write} or {@code admin} and the
 * hash a {@link PasswordHash}; lines starting with {@code #} are comments. Passwords never appear
 * in the file; {@code ./rowspace user add} writes it.
 */
public final class UsersFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final String HEADER = "# Rowspace server users: name:role:password hash "
      + "(written by ./rowspace user add; roles read, write, admin)";

  /** One user: name, role and password hash. */
  public record User(String name, Role role, String passwordHash) {
  }

  private final Map<String, User> users;

  private UsersFile(Map<String, User> users) {
    this.users = users;
  }

  /** An empty users file. */
  public static UsersFile empty() {
    return new UsersFile(new LinkedHashMap<>());
  }

  /**
   * Reads a users file.
   *
   * @throws IOException if it cannot be read, or a line is not a user (the message names the
   *     line and the fix)
   */
  public static UsersFile read(Path file) throws IOException {
    Map<String, User> users = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 3);
      String where = "Users file " + file + ", line " + (i + 1);
      if (parts.length != 3 || !NAME.matcher(parts[0]).matches()
          || !PasswordHash.isHash(parts[2])) {
        throw new IOException(where + " is not 'name:role:password hash'"
            + (line.contains(",") ? " (clear-text passwords are no longer read)" : "")
            + ". Add each user with ./rowspace user add NAME --role read|write|admin --file "
            + file + ".");
      }
      Role role;
      try {
        role = Role.of(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IOException(where + ": " + e.getMessage());
      }
      users.put(parts[0], new User(parts[0], role, parts[2]));
    }
    return new UsersFile(users);
  }

  /** The user called {@code name}, if any; names are case-sensitive. */
  public Optional<User> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  public List<User> users() {
    return List.copyOf(users.values());
  }

  /**
   * This file with {@code name} added, or replaced if already there.
   *
   * @throws IllegalArgumentException if the name is not one a users file can hold
   */
  public UsersFile with(String name, Role role, char[] password) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("User name '" + name + "' is not allowed: use 1 to 64 "
          + "letters, digits, '_', '.', '@' or '-'.");
    }
    Map<String, User> copy = new LinkedHashMap<>(users);
    copy.put(name, new User(name, role, PasswordHash.of(password)));
    return new UsersFile(copy);
  }

  /**
   * Writes the file, replacing {@code file} at once and readable by its owner only where the file
   * system has POSIX permissions.
   */
  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (User user : users.values()) {
      lines.add(user.name() + ":" + user.role().label() + ":" + user.passwordHash());
    }
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, ".users", ".tmp");
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      }
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
