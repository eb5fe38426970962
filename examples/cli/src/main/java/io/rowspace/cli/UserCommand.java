package io.rowspace.cli;

import io.rowspace.server.Role;
import io.rowspace.server.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code rowspace user add NAME --role read|write|admin [--file FILE]}: adds a user to a server's
 * users file, or replaces its role and password. The password comes from the environment variable
 * {@code ROWSPACE_PASSWORD}, else a prompt on the console (asked twice), else the first line of
 * standard input; only its hash is written.
 */
final class UserCommand {
  /** The users file when none is named. */
  static final String DEFAULT_FILE = "rowspace-data/users.txt";
  static final String PASSWORD_VARIABLE = "ROWSPACE_PASSWORD";
  private static final int MIN_PASSWORD = 8;

  private final String name;
  private final Role role;
  private final Path file;

  private UserCommand(String name, Role role, Path file) {
    this.name = name;
    this.role = role;
    this.file = file;
  }

  /**
   * Parses {@code add NAME --role ROLE [--file FILE]}.
   *
   * @throws IllegalArgumentException if the command line is wrong
   */
  static UserCommand parse(List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("add")) {
      throw new IllegalArgumentException("user needs a subcommand: user add NAME --role "
          + "read|write|admin [--file FILE]");
    }
    String name = null;
    Role role = null;
    Path file = Path.of(DEFAULT_FILE);
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--role") || arg.equals("--file")) {
        if (i + 1 == args.size()) {
          throw new IllegalArgumentException(arg + " needs a value.");
        }
        String value = args.get(++i);
        if (arg.equals("--role")) {
          role = Role.of(value);
        } else {
          file = Path.of(value);
        }
      } else if (name == null && !arg.startsWith("--")) {
        name = arg;
      } else {
        throw new IllegalArgumentException("user add: unexpected argument '" + arg + "'.");
      }
    }
    if (name == null || role == null) {
      throw new IllegalArgumentException("user add needs a name and a role: user add NAME "
          + "--role read|write|admin [--file FILE]");
    }
    return new UserCommand(name, role, file);
  }

  /** Adds the user; returns the exit code. */
  int run(StandardStreams streams, Map<String, String> environment) {
    char[] password;
    try {
      password = password(streams, environment);
    } catch (IOException e) {
      streams.err().println("error: cannot read the password: " + e.getMessage());
      return RowspaceCli.FAILED;
    }
    if (password == null) {
      streams.err().println("error: no password given. Set " + PASSWORD_VARIABLE + ", or run "
          + "this on a terminal to be asked for one.");
      return RowspaceCli.FAILED;
    }
    if (password.length < MIN_PASSWORD) {
      streams.err().println("error: the password of " + name + " must have at least "
          + MIN_PASSWORD + " characters.");
      return RowspaceCli.FAILED;
    }
    try {
      UsersFile users = Files.exists(file) ? UsersFile.read(file) : UsersFile.empty();
      boolean replaced = users.user(name).isPresent();
      users.with(name, role, password).write(file);
      streams.err().println("rowspace: " + (replaced ? "replaced" : "added") + " user " + name
          + " with role " + role.label() + " in " + file + ". Serve with --users " + file + ".");
      return RowspaceCli.OK;
    } catch (IllegalArgumentException e) {
      streams.err().println("error: " + e.getMessage());
      return RowspaceCli.FAILED;
    } catch (IOException e) {
      streams.err().println("error: cannot update " + file + ": " + e.getMessage());
      return RowspaceCli.FAILED;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private char[] password(StandardStreams streams, Map<String, String> environment)
      throws IOException {
    String variable = environment.get(PASSWORD_VARIABLE);
    if (variable != null) {
      return variable.toCharArray();
    }
    Console console = System.console();
    if (console != null && streams.inIsTerminal()) {
      char[] first = console.readPassword("Password for %s: ", name);
      char[] again = console.readPassword("Again: ");
      if (first == null || again == null || !Arrays.equals(first, again)) {
        throw new IOException("the two passwords differ");
      }
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(streams.in(),
        StandardCharsets.UTF_8)).readLine();
    return line == null || line.isEmpty() ? null : line.toCharArray();
  }
}
