package io.rowspace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The three standard streams of one run of the launcher and whether each is a terminal.
 *
 * <p>Java 17 cannot ask whether a single stream is a terminal, so the {@code rowspace} script
 * passes what bash's {@code [ -t N ]} says as system properties {@code rowspace.tty.stdin},
 * {@code rowspace.tty.stdout} and {@code rowspace.tty.stderr}. Without them (e.g. when started
 * from an IDE) Linux's {@code /proc/self/fd} is consulted, and lacking that {@link System#console()}.
 */
public record StandardStreams(InputStream in, PrintStream out, PrintStream err,
    boolean inIsTerminal, boolean outIsTerminal, boolean errIsTerminal) {

  /** The process's own streams. */
  public static StandardStreams system() {
    return new StandardStreams(System.in, System.out, System.err,
        isTerminal("stdin", 0), isTerminal("stdout", 1), isTerminal("stderr", 2));
  }

  /** Streams that are never terminals, as in tests and pipes. */
  public static StandardStreams of(InputStream in, PrintStream out, PrintStream err) {
    return new StandardStreams(in, out, err, false, false, false);
  }

  private static boolean isTerminal(String name, int fd) {
    String told = System.getProperty("rowspace.tty." + name);
    if (told != null && !told.isEmpty()) {
      return Boolean.parseBoolean(told.trim().toLowerCase(Locale.ROOT));
    }
    Path link = Path.of("/proc/self/fd", Integer.toString(fd));
    try {
      if (Files.isSymbolicLink(link)) {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not Linux, or not allowed to look: fall back to the JVM's coarser answer.
    }
    return System.console() != null;
  }
}
