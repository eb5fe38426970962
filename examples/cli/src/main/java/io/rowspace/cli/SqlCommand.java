package io.rowspace.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code rowspace sql [URL] [--user NAME] [-f FILE]... [-e SQL]...
 * [--format FORMAT]}. Scripts from {@code -f} and {@code -e} run in the order given; {@code user}
 * is null without {@code --user}.
 */
record SqlCommand(String url, String user, List<Source> sources, OutputFormat format) {

  /** One {@code -f FILE} or {@code -e SQL}. */
  record Source(boolean isFile, String text) {
  }

  /**
   * Reads the arguments after {@code sql}.
   *
   * @throws IllegalArgumentException with a message for the user when they are wrong
   */
  static SqlCommand parse(List<String> args) {
    String url = null;
    List<Source> sources = new ArrayList<>();
    OutputFormat format = OutputFormat.TABLE;
    String user = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-f") || arg.equals("--file")) {
        sources.add(new Source(true, value(args, ++i, arg)));
      } else if (arg.equals("-e") || arg.equals("--execute")) {
        sources.add(new Source(false, value(args, ++i, arg)));
      } else if (arg.equals("--user") || arg.equals("-u")) {
        user = value(args, ++i, arg);
      } else if (arg.equals("--format")) {
        format = OutputFormat.of(value(args, ++i, arg));
      } else if (arg.startsWith("--format=")) {
        format = OutputFormat.of(arg.substring("--format=".length()));
      } else if (arg.startsWith("-")) {
        throw new IllegalArgumentException("Unknown option '" + arg + "' for sql.");
      } else if (url == null) {
        url = arg;
      } else {
        throw new IllegalArgumentException("sql takes one URL, but got '" + url + "' and '" + arg
            + "'. Put SQL after -e.");
      }
    }
    return new SqlCommand(url == null ? RowspaceCli.DEFAULT_URL : url, user, List.copyOf(sources),
        format);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("Option " + option + " needs a value.");
    }
    return args.get(i);
  }
}
