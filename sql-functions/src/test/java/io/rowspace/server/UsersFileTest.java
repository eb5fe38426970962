package io.rowspace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file as an administrator meets it: hashed, private, and plain about its mistakes. */
class UsersFileTest {

  @Test
  void aWrittenFileReadsBackWithHashesThatCheckThePasswords(@TempDir Path directory)
      throws IOException {
    Path file = directory.resolve("users.txt");
    UsersFile.empty().with("ana", Role.WRITE, "first-password".toCharArray()).write(file);
    UsersFile users = UsersFile.read(file);
    UsersFile.User ana = users.user("ana").orElseThrow();
    assertEquals(Role.WRITE, ana.role());
    assertTrue(PasswordHash.matches("first-password".toCharArray(), ana.passwordHash()));
    assertFalse(PasswordHash.matches("First-password".toCharArray(), ana.passwordHash()));
    assertFalse(Files.readString(file).contains("first-password"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String again = UsersFile.empty().with("ana", Role.WRITE, "first-password".toCharArray())
        .user("ana").orElseThrow().passwordHash();
    assertFalse(again.equals(ana.passwordHash()), "each hash has its own salt");
  }

  @Test
  void anOldClearTextFileIsRefusedNamingTheLineAndTheFix(@TempDir Path directory)
      throws IOException {
    Path file = directory.resolve("users.properties");
    Files.writeString(file, "# users\nanalyst: s3cret, rowspace\n");
    IOException e = assertThrows(IOException.class, () -> UsersFile.read(file));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("clear-text passwords are no longer read"), e.getMessage());
    assertTrue(e.getMessage().contains("./rowspace user add"), e.getMessage());
  }

  @Test
  void anUnknownRoleOrNameIsRefused() {
    IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
        () -> Role.of("root"));
    assertTrue(role.getMessage().contains("read, write or admin"), role.getMessage());
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> UsersFile.empty().with("ana:admin", Role.READ, "password-1".toCharArray()));
    assertTrue(name.getMessage().contains("not allowed"), name.getMessage());
  }
}
