package io.rowspace.cli;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The width of the terminal standard error is shown on, for commands that draw a progress bar
 * without the interactive shell's line reader: {@code COLUMNS} when the shell exported it, else
 * the size JLine reads from the terminal, else 80.
 */
final class TerminalWidth {
  static final int FALLBACK = 80;
  private static volatile int known;

  private TerminalWidth() {
  }

  /** The width in columns; asked of the terminal once per run. */
  static int ofStandardError() {
    String columns = System.getenv("COLUMNS");
    if (columns != null) {
      try {
        return Math.max(20, Integer.parseInt(columns.trim()));
      } catch (NumberFormatException e) {
        // Not a number: ask the terminal.
      }
    }
    if (known == 0) {
      known = fromTerminal();
    }
    return known;
  }

  private static int fromTerminal() {
    if (System.console() == null) {
      return FALLBACK;
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true)
        .nativeSignals(false).build()) {
      int width = terminal.getSize().getColumns();
      return width > 0 ? width : FALLBACK;
    } catch (IOException | RuntimeException e) {
      return FALLBACK;
    }
  }
}
