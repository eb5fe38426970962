package io.rowspace.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the {@code sql} command writes result sets: {@code --format table|csv|json}. */
public enum OutputFormat {
  /** Aligned columns under a header, for people; messages share standard output. */
  TABLE,
  /** RFC 4180 CSV, one header row per result set; standard output carries only rows. */
  CSV,
  /** One JSON array of objects per result set; standard output carries only rows. */
  JSON;

  /** The format named {@code name}, in any case. */
  public static OutputFormat of(String name) {
    for (OutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("Unknown format '" + name + "'. Use one of: "
        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")) + ".");
  }

  /**
   * Whether standard output is reserved for result rows, so that messages, update counts,
   * timings and warnings must go to standard error.
   */
  public boolean isMachineReadable() {
    return this != TABLE;
  }

  ResultPrinter printer(PrintStream out) {
    switch (this) {
      case CSV:
        return new CsvPrinter(out);
      case JSON:
        return new JsonPrinter(out);
      default:
        return new TablePrinter(out);
    }
  }
}
