package io.rowspace.cli;

import io.rowspace.jdbc.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows the progress of a long statement on standard error.
 *
 * <p>On a terminal it is one line redrawn in place with {@code \r} (at most ten times a second),
 * as wide as the terminal (its width is asked at each redraw, so resizing is followed; the bar
 * takes what the text leaves), and each new phase starts a new line so the previous phase's final
 * state stays visible. Into a
 * file or pipe it writes plain lines instead, at most one per phase change and per 5 % of a
 * phase, so logs stay short. Call {@link #finish()} when the statement ends.
 */
final class ProgressBar implements ProgressListener {
  /** The fewest cells of the bar itself; on a narrow terminal the text is cut instead. */
  static final int MIN_CELLS = 10;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final boolean terminal;
  private final IntSupplier width;
  private final LongSupplier clock;

  private String phase;
  private int lastBucket = -1;
  private long lastDraw;
  private boolean lineOpen;

  ProgressBar(PrintStream err, boolean terminal) {
    this(err, terminal, TerminalWidth::ofStandardError, System::nanoTime);
  }

  /** A bar as wide as {@code width} says, read at each redraw. */
  ProgressBar(PrintStream err, boolean terminal, IntSupplier width) {
    this(err, terminal, width, System::nanoTime);
  }

  ProgressBar(PrintStream err, boolean terminal, int width, LongSupplier clock) {
    this(err, terminal, () -> width, clock);
  }

  ProgressBar(PrintStream err, boolean terminal, IntSupplier width, LongSupplier clock) {
    this.err = err;
    this.terminal = terminal;
    this.width = width;
    this.clock = clock;
  }

  @Override
  public synchronized void progress(String phase, int step, int totalSteps, String message) {
    boolean newPhase = !Objects.equals(phase, this.phase);
    if (newPhase) {
      finish();
      this.phase = phase;
      lastBucket = -1;
    }
    int percent = totalSteps > 0 ? (int) Math.min(100, Math.max(0, 100L * step / totalSteps)) : -1;
    if (terminal) {
      long now = clock.getAsLong();
      boolean last = totalSteps > 0 && step >= totalSteps;
      if (newPhase || last || now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        int columns = Math.max(20, width.getAsInt());
        String text = fit(terminalLine(phase, step, totalSteps, percent, message, columns), columns);
        err.print("\r" + text + "\033[K");
        err.flush();
        lineOpen = true;
      }
    } else {
      int bucket = percent < 0 ? 0 : percent / 5;
      if (newPhase || bucket > lastBucket) {
        lastBucket = bucket;
        err.println(plainLine(phase, step, totalSteps, percent, message));
        err.flush();
      }
    }
  }

  /** Ends the line being redrawn, if any; the next progress starts afresh. */
  synchronized void finish() {
    if (lineOpen) {
      err.println();
      err.flush();
      lineOpen = false;
    }
    phase = null;
  }

  static String plainLine(String phase, int step, int totalSteps, int percent, String message) {
    StringBuilder line = new StringBuilder(phase == null ? "working" : phase).append(": ");
    if (percent >= 0) {
      line.append(percent).append("% (").append(step).append('/').append(totalSteps).append(')');
    } else {
      line.append("step ").append(step);
    }
    if (message != null && !message.isBlank()) {
      line.append(' ').append(message.strip());
    }
    return line.toString();
  }

  private static String terminalLine(String phase, int step, int totalSteps, int percent,
      String message, int columns) {
    StringBuilder tail = new StringBuilder();
    if (percent >= 0) {
      tail.append(String.format(Locale.ROOT, "%3d%% ", percent));
    }
    tail.append(phase == null ? "working" : phase);
    if (percent >= 0) {
      tail.append(" (").append(step).append('/').append(totalSteps).append(')');
    }
    if (message != null && !message.isBlank()) {
      tail.append("  ").append(message.strip());
    }
    if (percent < 0) {
      return "[step " + step + "] " + tail;
    }
    // The last column stays free: writing into it wraps the line on some terminals.
    int cells = Math.max(MIN_CELLS, columns - 1 - 3 - tail.length());
    int filled = percent * cells / 100;
    return "[" + "#".repeat(filled) + "-".repeat(cells - filled) + "] " + tail;
  }

  /** Cuts the line to the terminal's width: a wrapped line cannot be redrawn with \r. */
  private static String fit(String line, int columns) {
    return line.length() < columns ? line : line.substring(0, Math.max(10, columns - 1));
  }
}
