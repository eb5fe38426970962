package io.rowspace.cli;

import java.io.Console;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The {@code user} and {@code password} connection properties of {@code --user NAME}: the password
 * comes from the environment variable {@code ROWSPACE_PASSWORD}, or else is asked for on the
 * console without echo, so it never shows in the command line or the shell's history.
 */
final class Credentials {
  /** The environment variable holding the password. */
  static final String PASSWORD_VARIABLE = "ROWSPACE_PASSWORD";

  private Credentials() {
  }

  /**
   * The connection properties for {@code user}; none when {@code user} is null.
   *
   * @param environment looks up an environment variable ({@code System::getenv})
   * @param console the console to ask on, or null when there is none
   * @throws IllegalStateException when there is neither a password variable nor a console
   */
  static Properties of(String user, UnaryOperator<String> environment, Console console) {
    Properties properties = new Properties();
    if (user == null) {
      return properties;
    }
    String password = environment.apply(PASSWORD_VARIABLE);
    if (password == null) {
      if (console == null) {
        throw new IllegalStateException("No password for user '" + user + "': set "
            + PASSWORD_VARIABLE + " (there is no console to ask on).");
      }
      char[] typed = console.readPassword("Password for %s: ", user);
      password = typed == null ? "" : new String(typed);
    }
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }
}
