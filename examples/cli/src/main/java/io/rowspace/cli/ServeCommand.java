package io.rowspace.cli;

import io.rowspace.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * The arguments of {@code rowspace serve [URL] [--host H] [--port P] [--users FILE]
 * [--tls-keystore FILE] [--tls-password PASSWORD] [--serialization protobuf|json]}; the keystore's
 * password may instead come from the environment variable {@code ROWSPACE_TLS_PASSWORD}, which
 * keeps it out of the process list.
 */
final class ServeCommand {
  static final String TLS_PASSWORD_VARIABLE = "ROWSPACE_TLS_PASSWORD";

  private ServeCommand() {
  }

  /**
   * The server's options.
   *
   * @throws IllegalArgumentException if the command line is wrong
   */
  static ServerOptions parse(List<String> args, Map<String, String> environment) {
    ServerOptions options = ServerOptions.serving(RowspaceCli.DEFAULT_URL);
    boolean urlGiven = false;
    Path keystore = null;
    String password = environment.get(TLS_PASSWORD_VARIABLE);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        if (i + 1 == args.size()) {
          throw new IllegalArgumentException(arg + " needs a value.");
        }
        String value = args.get(++i);
        switch (arg) {
          case "--host" -> options = options.withHost(value);
          case "--port" -> options = options.withPort(port(value));
          case "--users" -> options = options.withUsers(Path.of(value));
          case "--tls-keystore" -> keystore = Path.of(value);
          case "--tls-password" -> password = value;
          case "--serialization" -> options = options.withSerialization(serialization(value));
          default -> throw new IllegalArgumentException("serve: unknown option '" + arg + "'.");
        }
      } else if (!urlGiven) {
        options = options.withUrl(arg);
        urlGiven = true;
      } else {
        throw new IllegalArgumentException("serve: unexpected argument '" + arg + "'.");
      }
    }
    if (keystore == null && password != null && !password.equals(
        environment.get(TLS_PASSWORD_VARIABLE))) {
      throw new IllegalArgumentException("--tls-password needs --tls-keystore.");
    }
    return keystore == null ? options : options.withTls(keystore, password);
  }

  private static Serialization serialization(String value) {
    for (Serialization known : Serialization.values()) {
      if (known.name().equals(value.toUpperCase(Locale.ROOT))) {
        return known;
      }
    }
    throw new IllegalArgumentException("--serialization needs protobuf or json, got '" + value
        + "'.");
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port needs a number from 0 to 65535, got '" + value
        + "'.");
  }
}
