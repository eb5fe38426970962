package io.rowspace.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code rowspace import URL TABLE FILE.csv [--delimiter D] [--quote Q]
 * [--null TOKEN]... [--types col=TYPE,...]}.
 *
 * @param delimiter the field delimiter, or {@code null} to detect it
 * @param typeOverrides header name to the type its column gets, whatever the values
 */
record ImportCommand(String url, String table, Path file, Character delimiter, char quote,
    Set<String> nullTokens, Map<String, ColumnType> typeOverrides) {

  /**
   * Reads the arguments after {@code import}.
   *
   * @throws IllegalArgumentException with a message for the user when they are wrong
   */
  static ImportCommand parse(List<String> args) {
    List<String> positional = new ArrayList<>();
    Character delimiter = null;
    char quote = '"';
    Set<String> nulls = new LinkedHashSet<>();
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inline = option.equals(arg) ? null : arg.substring(option.length() + 1);
      switch (option) {
        case "--delimiter":
        case "-d":
          delimiter = CsvDialect.delimiterNamed(inline != null ? inline : value(args, ++i, arg));
          break;
        case "--quote": {
          String q = inline != null ? inline : value(args, ++i, arg);
          if (q.length() != 1) {
            throw new IllegalArgumentException("--quote needs one character, got '" + q + "'.");
          }
          quote = q.charAt(0);
          break;
        }
        case "--null":
          nulls.add(inline != null ? inline : value(args, ++i, arg));
          break;
        case "--types":
          types.putAll(overrides(inline != null ? inline : value(args, ++i, arg)));
          break;
        default:
          if (arg.startsWith("--")) {
            throw new IllegalArgumentException("Unknown option '" + arg + "' for import; options"
                + " are --delimiter, --quote, --null and --types.");
          }
          positional.add(arg);
      }
    }
    if (positional.size() != 3) {
      throw new IllegalArgumentException("import needs three arguments: URL TABLE FILE.csv");
    }
    if (delimiter != null && delimiter == quote) {
      throw new IllegalArgumentException("The delimiter and the quote cannot both be '" + quote + "'.");
    }
    return new ImportCommand(positional.get(0), positional.get(1), Path.of(positional.get(2)),
        delimiter, quote, Set.copyOf(nulls), Map.copyOf(types));
  }

  /** {@code a=INTEGER,b=DATE} (also several --types options). */
  static Map<String, ColumnType> overrides(String text) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("--types needs column=TYPE pairs separated by commas, "
            + "e.g. --types zip=VARCHAR,income=DOUBLE; got '" + pair + "'.");
      }
      types.put(pair.substring(0, eq).strip(), ColumnType.named(pair.substring(eq + 1)));
    }
    return types;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("Option " + option + " needs a value.");
    }
    return args.get(i);
  }
}
